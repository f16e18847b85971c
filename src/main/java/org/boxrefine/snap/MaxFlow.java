package org.boxrefine.snap;

import java.util.Arrays;

/**
 * Minimum s-t cut of a graph with terminal links, by the Boykov-Kolmogorov augmenting-path algorithm (the
 * algorithm behind OpenCV's GrabCut, whose graph class is not part of OpenCV's public API). Nodes are
 * {@code 0..n-1}; the source side of the cut is "foreground". Primitive arrays throughout.
 */
public final class MaxFlow {
    private static final int TERMINAL = -1;
    private static final int ORPHAN = -2;
    private static final int NONE = -1;

    private final int nodes;
    private final int nil;
    private final int[] first;
    private final int[] parent;
    private final int[] next;
    private final int[] stamp;
    private final int[] dist;
    private final double[] terminal;
    private final byte[] tree;

    private int[] edgeDst;
    private int[] edgeNext;
    private double[] edgeCap;
    private int edges = 2;
    private double flow;

    /** A graph of {@code nodes} nodes and room for about {@code edgePairsHint} two-way edges. */
    public MaxFlow(int nodes, int edgePairsHint) {
        if (nodes < 0 || edgePairsHint < 0) {
            throw new IllegalArgumentException("nodes and edge hint must be at least 0, found " + nodes + " and "
                    + edgePairsHint);
        }
        this.nodes = nodes;
        this.nil = nodes;
        first = new int[nodes];
        parent = new int[nodes];
        next = new int[nodes + 1];
        stamp = new int[nodes];
        dist = new int[nodes];
        terminal = new double[nodes];
        tree = new byte[nodes];
        int cap = 2 + 2 * Math.max(1, edgePairsHint);
        edgeDst = new int[cap];
        edgeNext = new int[cap];
        edgeCap = new double[cap];
    }

    /** Adds capacity {@code fromSource} on the source link of node {@code i} and {@code toSink} on its sink link. */
    public void addTerminal(int i, double fromSource, double toSink) {
        check(i);
        if (!(fromSource >= 0) || !(toSink >= 0)) {
            throw new IllegalArgumentException("terminal capacities must be at least 0, found " + fromSource + " and "
                    + toSink + " at node " + i);
        }
        double d = terminal[i];
        if (d > 0) {
            fromSource += d;
        } else {
            toSink -= d;
        }
        flow += Math.min(fromSource, toSink);
        terminal[i] = fromSource - toSink;
    }

    /** Adds an edge {@code i -> j} of capacity {@code cap} and {@code j -> i} of capacity {@code revCap}. */
    public void addEdge(int i, int j, double cap, double revCap) {
        check(i);
        check(j);
        if (i == j || !(cap >= 0) || !(revCap >= 0)) {
            throw new IllegalArgumentException("an edge needs two different nodes and capacities of at least 0, found "
                    + i + " -> " + j + " with " + cap + " and " + revCap);
        }
        if (edges + 2 > edgeDst.length) {
            int n = edgeDst.length * 2;
            edgeDst = Arrays.copyOf(edgeDst, n);
            edgeNext = Arrays.copyOf(edgeNext, n);
            edgeCap = Arrays.copyOf(edgeCap, n);
        }
        edgeDst[edges] = j;
        edgeCap[edges] = cap;
        edgeNext[edges] = first[i];
        first[i] = edges++;
        edgeDst[edges] = i;
        edgeCap[edges] = revCap;
        edgeNext[edges] = first[j];
        first[j] = edges++;
    }

    /** Computes the maximum flow and returns it; {@link #inSourceSet} then reads the minimum cut. */
    public double solve() {
        int curr = 0;
        Arrays.fill(next, NONE);
        int head = nil;
        int last = nil;
        for (int v = 0; v < nodes; v++) {
            stamp[v] = 0;
            if (terminal[v] != 0) {
                if (head == nil) {
                    head = v;
                } else {
                    next[last] = v;
                }
                last = v;
                next[v] = nil;
                dist[v] = 1;
                parent[v] = TERMINAL;
                tree[v] = (byte) (terminal[v] < 0 ? 1 : 0);
            } else {
                parent[v] = 0;
            }
        }
        int[] orphans = new int[16];
        for (;;) {
            int e0 = -1;
            int v = NONE;
            while (head != nil) {
                v = head;
                if (parent[v] != 0) {
                    int vt = tree[v];
                    for (int ei = first[v]; ei != 0; ei = edgeNext[ei]) {
                        if (edgeCap[ei ^ vt] == 0) {
                            continue;
                        }
                        int u = edgeDst[ei];
                        if (parent[u] == 0) {
                            tree[u] = (byte) vt;
                            parent[u] = ei ^ 1;
                            stamp[u] = stamp[v];
                            dist[u] = dist[v] + 1;
                            if (next[u] == NONE) {
                                next[u] = nil;
                                next[last] = u;
                                last = u;
                            }
                            continue;
                        }
                        if (tree[u] != vt) {
                            e0 = ei ^ vt;
                            break;
                        }
                        if (dist[u] > dist[v] + 1 && stamp[u] <= stamp[v]) {
                            parent[u] = ei ^ 1;
                            stamp[u] = stamp[v];
                            dist[u] = dist[v] + 1;
                        }
                    }
                    if (e0 > 0) {
                        break;
                    }
                }
                head = next[v];
                next[v] = NONE;
                if (head == nil) {
                    last = nil;
                }
            }
            if (e0 <= 0) {
                break;
            }
            double min = edgeCap[e0];
            for (int k = 1; k >= 0; k--) {
                int u = edgeDst[e0 ^ k];
                for (int ei = parent[u]; ei >= 0; ei = parent[u]) {
                    min = Math.min(min, edgeCap[ei ^ k]);
                    u = edgeDst[ei];
                }
                min = Math.min(min, Math.abs(terminal[u]));
            }
            edgeCap[e0] -= min;
            edgeCap[e0 ^ 1] += min;
            flow += min;
            int nOrphans = 0;
            for (int k = 1; k >= 0; k--) {
                int u = edgeDst[e0 ^ k];
                for (int ei = parent[u]; ei >= 0; ei = parent[u]) {
                    edgeCap[ei ^ (k ^ 1)] += min;
                    edgeCap[ei ^ k] -= min;
                    if (edgeCap[ei ^ k] == 0) {
                        orphans = push(orphans, nOrphans++, u);
                        parent[u] = ORPHAN;
                    }
                    u = edgeDst[ei];
                }
                terminal[u] += min * (1 - k * 2);
                if (terminal[u] == 0) {
                    orphans = push(orphans, nOrphans++, u);
                    parent[u] = ORPHAN;
                }
            }
            curr++;
            while (nOrphans > 0) {
                int w = orphans[--nOrphans];
                int minDist = Integer.MAX_VALUE;
                int best = 0;
                int vt = tree[w];
                for (int ei = first[w]; ei != 0; ei = edgeNext[ei]) {
                    if (edgeCap[ei ^ (vt ^ 1)] == 0) {
                        continue;
                    }
                    int u = edgeDst[ei];
                    if (tree[u] != vt || parent[u] == 0) {
                        continue;
                    }
                    int d = 0;
                    for (;;) {
                        if (stamp[u] == curr) {
                            d += dist[u];
                            break;
                        }
                        int ej = parent[u];
                        d++;
                        if (ej < 0) {
                            if (ej == ORPHAN) {
                                d = Integer.MAX_VALUE - 1;
                            } else {
                                stamp[u] = curr;
                                dist[u] = 1;
                            }
                            break;
                        }
                        u = edgeDst[ej];
                    }
                    if (++d < Integer.MAX_VALUE) {
                        if (d < minDist) {
                            minDist = d;
                            best = ei;
                        }
                        for (u = edgeDst[ei]; stamp[u] != curr; u = edgeDst[parent[u]]) {
                            stamp[u] = curr;
                            dist[u] = --d;
                        }
                    }
                }
                parent[w] = best;
                if (best > 0) {
                    stamp[w] = curr;
                    dist[w] = minDist;
                    continue;
                }
                stamp[w] = 0;
                for (int ei = first[w]; ei != 0; ei = edgeNext[ei]) {
                    int u = edgeDst[ei];
                    int ej = parent[u];
                    if (tree[u] != vt || ej == 0) {
                        continue;
                    }
                    if (edgeCap[ei ^ (vt ^ 1)] != 0 && next[u] == NONE) {
                        next[u] = nil;
                        if (head == nil) {
                            head = u;
                        } else {
                            next[last] = u;
                        }
                        last = u;
                    }
                    if (ej > 0 && edgeDst[ej] == w) {
                        orphans = push(orphans, nOrphans++, u);
                        parent[u] = ORPHAN;
                    }
                }
            }
        }
        return flow;
    }

    /**
     * After {@link #solve()}: whether node {@code i} lies on the source side of the minimum cut, that is, cannot
     * reach the sink. Nodes that no terminal reaches go with the source, as in OpenCV's GrabCut.
     */
    public boolean inSourceSet(int i) {
        check(i);
        return parent[i] == 0 || tree[i] == 0;
    }

    private static int[] push(int[] stack, int size, int v) {
        int[] s = size < stack.length ? stack : Arrays.copyOf(stack, stack.length * 2);
        s[size] = v;
        return s;
    }

    private void check(int i) {
        if (i < 0 || i >= nodes) {
            throw new IndexOutOfBoundsException("node " + i + " outside 0.." + (nodes - 1));
        }
    }
}
