package dev.aims.evidence.discover;

import java.util.Locale;

/**
 * Where a client call went, from the attributes of its span in the current semantic conventions
 * ({@code server.address}, {@code server.port}, {@code url.full}, {@code url.path}) or the older ones
 * ({@code net.peer.name}, {@code net.peer.port}, {@code http.url}, {@code http.target}, {@code http.host}), and for
 * gRPC {@code /rpc.service/rpc.method}. The path never keeps a query string, fragment or user info: they may hold
 * keys (some APIs take one as {@code ?key=}) and personal data.
 *
 * @param host lower case, empty when no attribute names it
 * @param port 0 when unknown
 * @param path without query, empty when unknown
 */
record Destination(String host, int port, String path) {
    static Destination of(Span s) {
        Url full = Url.parse(s.urlFull);
        Url old = Url.parse(s.httpUrl);
        Url hostHeader = Url.parse(s.httpHost == null ? null : "//" + s.httpHost);
        String host = first(s.serverAddress, full.host, s.netPeerName, old.host, hostHeader.host);
        int port = port(s.serverPort);
        int colon = host == null ? -1 : host.indexOf(':');
        if (colon > 0 && colon == host.lastIndexOf(':')) {
            // host:port where only a host belongs, as some instrumentations write it; an IPv6 address has more colons
            port = port == 0 ? port(host.substring(colon + 1)) : port;
            host = host.substring(0, colon);
        }
        if (port == 0) {
            port = full.port != 0 ? full.port : port(s.netPeerPort);
        }
        if (port == 0) {
            port = old.port != 0 ? old.port : hostHeader.port;
        }
        if (port == 0) {
            port = defaultPort(full.scheme != null ? full.scheme : old.scheme);
        }
        String path;
        if ("grpc".equals(s.rpcSystem) && s.rpcMethod != null) {
            // Newer conventions put "package.Service/Method" in rpc.method; older ones split it.
            path = s.rpcMethod.indexOf('/') >= 0 ? "/" + s.rpcMethod
                    : "/" + (s.rpcService == null ? "" : s.rpcService + "/") + s.rpcMethod;
        } else {
            path = first(full.path, withoutQuery(s.urlPath), old.path, withoutQuery(s.httpTarget));
        }
        return new Destination(host == null ? "" : stripDot(host.toLowerCase(Locale.ROOT)), port,
                path == null ? "" : path);
    }

    /** @return {@code host}, or {@code host:port} when the port is known and not the scheme's usual 80 or 443 */
    String hostLabel() {
        String h = host.isEmpty() ? "(unknown host)" : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 || port == 80 || port == 443 ? h : h + ":" + port;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static int port(String s) {
        if (s == null) {
            return 0;
        }
        try {
            int p = Integer.parseInt(s.trim());
            return p > 0 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int defaultPort(String scheme) {
        if ("https".equals(scheme)) {
            return 443;
        }
        return "http".equals(scheme) ? 80 : 0;
    }

    static String withoutQuery(String target) {
        if (target == null) {
            return null;
        }
        int end = target.length();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return target.substring(0, end);
    }

    /** The parts of a URL discovery needs; every part null (port 0) when absent or the text is not a URL. */
    static final class Url {
        private static final Url NONE = new Url(null, null, 0, null);

        final String scheme;
        final String host;
        final int port;
        final String path;

        private Url(String scheme, String host, int port, String path) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            this.path = path;
        }

        /** Parses {@code scheme://user@host:port/path?query#fragment} or {@code //host:port}, leniently. */
        static Url parse(String url) {
            if (url == null) {
                return NONE;
            }
            int start = url.indexOf("//");
            if (start < 0) {
                return NONE;
            }
            String scheme = start > 1 && url.charAt(start - 1) == ':'
                    ? url.substring(0, start - 1).toLowerCase(Locale.ROOT) : null;
            int authStart = start + 2;
            int authEnd = url.length();
            for (int i = authStart; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    authEnd = i;
                    break;
                }
            }
            String authority = url.substring(authStart, authEnd);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            String host = authority;
            int port = 0;
            int bracket = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (authority.startsWith("[") && bracket > 0) {
                host = authority.substring(1, bracket);
                colon = authority.indexOf(':', bracket);
            } else if (colon >= 0 && authority.indexOf(':') != colon) {
                colon = -1; // a bare IPv6 address without brackets: no port
            }
            if (colon >= 0) {
                port = port(authority.substring(colon + 1));
                if (!authority.startsWith("[")) {
                    host = authority.substring(0, colon);
                }
            }
            String path = withoutQuery(url.substring(authEnd));
            return new Url(scheme, host.isEmpty() ? null : host, port, path.isEmpty() ? "/" : path);
        }
    }
}
