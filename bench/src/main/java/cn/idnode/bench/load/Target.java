package cn.idnode.bench.load;

/** What a load test talks to. */
public enum Target {
    /** Handle over UDP (2641): many requests in flight per socket, matched by request id. */
    UDP,
    /** Handle over TCP (2641): persistent connections, pipelined requests answered in order. */
    TCP,
    /** Handle messages tunnelled over HTTP/1.1 ({@code POST}, {@code application/x-hdl-message}), keep-alive. */
    HTTP,
    /** {@code GET /api/handles/{handle}} over HTTP/1.1 keep-alive. */
    REST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
