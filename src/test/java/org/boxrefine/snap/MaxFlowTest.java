package org.boxrefine.snap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaxFlowTest {
    /** Edmonds-Karp on a dense capacity matrix; node n is the source, n + 1 the sink. */
    private static double naiveMaxFlow(double[][] cap) {
        int m = cap.length;
        int s = m - 2;
        int t = m - 1;
        double[][] res = new double[m][];
        for (int i = 0; i < m; i++) {
            res[i] = cap[i].clone();
        }
        double flow = 0;
        for (;;) {
            int[] prev = new int[m];
            java.util.Arrays.fill(prev, -1);
            prev[s] = s;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(s);
            while (!q.isEmpty() && prev[t] < 0) {
                int u = q.poll();
                for (int v = 0; v < m; v++) {
                    if (prev[v] < 0 && res[u][v] > 1e-12) {
                        prev[v] = u;
                        q.add(v);
                    }
                }
            }
            if (prev[t] < 0) {
                return flow;
            }
            double f = Double.MAX_VALUE;
            for (int v = t; v != s; v = prev[v]) {
                f = Math.min(f, res[prev[v]][v]);
            }
            for (int v = t; v != s; v = prev[v]) {
                res[prev[v]][v] -= f;
                res[v][prev[v]] += f;
            }
            flow += f;
        }
    }

    @Test
    void matchesEdmondsKarpOnRandomGraphsAndItsCutCostsTheFlow() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(30);
            double[][] cap = new double[n + 2][n + 2];
            MaxFlow g = new MaxFlow(n, 4);
            for (int i = 0; i < n; i++) {
                double a = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(20);
                double b = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(20);
                g.addTerminal(i, a, b);
                cap[n][i] += a;
                cap[i][n + 1] += b;
            }
            int edges = rnd.nextInt(4 * n);
            for (int e = 0; e < edges; e++) {
                int i = rnd.nextInt(n);
                int j = rnd.nextInt(n);
                if (i == j) {
                    continue;
                }
                double c = rnd.nextInt(15);
                double r = rnd.nextInt(15);
                g.addEdge(i, j, c, r);
                cap[i][j] += c;
                cap[j][i] += r;
            }
            double expected = naiveMaxFlow(cap);
            double flow = g.solve();
            assertEquals(expected, flow, 1e-9, "trial " + trial);
            double cutCost = 0;
            for (int i = 0; i < n + 2; i++) {
                boolean si = i == n || (i < n && g.inSourceSet(i));
                for (int j = 0; j < n + 2; j++) {
                    boolean sj = j == n || (j < n && g.inSourceSet(j));
                    if (si && !sj) {
                        cutCost += cap[i][j];
                    }
                }
            }
            assertEquals(expected, cutCost, 1e-9, "cut of trial " + trial);
        }
    }

    @Test
    void refusesNegativeCapacitiesAndUnknownNodes() {
        MaxFlow g = new MaxFlow(3, 2);
        assertThrows(IllegalArgumentException.class, () -> g.addTerminal(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> g.addEdge(0, 0, 1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> g.addEdge(0, 3, 1, 1));
    }
}
