package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.protocol.ByteString;

/** A plain page at "/" telling a person with a browser what this port serves. */
final class LandingPage {
    private LandingPage() {}

    static String html(Node node) {
        StringBuilder prefixes = new StringBuilder();
        for (ByteString p : node.prefixes().list()) {
            prefixes.append("<li><code>").append(escape(p.utf8())).append("</code></li>");
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>idnode</title></head><body>"
                + "<h1>idnode</h1><p>An identifier resolution node (Handle protocol).</p>"
                + "<p>Resolve an identifier: <code>GET /api/handles/{identifier}</code>, e.g. "
                + "<a href=\"/api/site?pretty\">/api/site</a> for this node's site record.</p>"
                + "<h2>Homed prefixes</h2><ul>" + prefixes + "</ul></body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
