package dev.dashmech.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Makes a {@link SchemaRegistryClient} from a {@code schema.registry.url} value. */
public final class SchemaRegistries {

    /** Timeout of one registry request, connection included, unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private SchemaRegistries() {
    }

    /** As {@link #connect(String, Duration, String)} with the default timeout and no credentials. */
    public static SchemaRegistryClient connect(String url) {
        return connect(url, DEFAULT_REQUEST_TIMEOUT, null);
    }

    /**
     * A client for {@code url}: {@code mock://NAME} gives the JVM's {@link InMemorySchemaRegistry} of that
     * name; one or more comma-separated {@code http(s)://host[:port][/path]} give a
     * {@link RestSchemaRegistryClient} (the path is kept, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v6}
     * for Apicurio). Credentials come from {@code basicAuthUserInfo} ({@code user:password}) or, when that is
     * null, from the URL's user info; they never appear in {@link SchemaRegistryClient#url()}.
     *
     * @throws InvalidRegistryUrlException naming the URL and the accepted forms
     */
    public static SchemaRegistryClient connect(String url, Duration requestTimeout, String basicAuthUserInfo) {
        if (url == null || url.isBlank()) {
            throw new InvalidRegistryUrlException(String.valueOf(url), "no schema registry URL given; set"
                    + " schema.registry.url to http(s)://host:port[/path] or mock://NAME");
        }
        String trimmed = url.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(InMemorySchemaRegistry.SCHEME)) {
            return InMemorySchemaRegistry.named(trimmed.substring(InMemorySchemaRegistry.SCHEME.length()));
        }
        List<URI> bases = new ArrayList<>();
        String userInfo = basicAuthUserInfo;
        for (String part : trimmed.split(",")) {
            URI uri = parseHttp(part.trim(), trimmed);
            if (uri.getUserInfo() != null && userInfo == null) {
                userInfo = uri.getUserInfo();
            }
            bases.add(withoutUserInfo(uri));
        }
        return new RestSchemaRegistryClient(bases, requestTimeout, userInfo);
    }

    private static URI parseHttp(String part, String whole) {
        URI uri;
        try {
            uri = new URI(part);
        } catch (URISyntaxException e) {
            throw invalid(part, whole, "it is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(part, whole, "the scheme must be http, https or mock");
        }
        if (uri.getHost() == null) {
            throw invalid(part, whole, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(part, whole, "it must not have a query or fragment");
        }
        return uri;
    }

    private static URI withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path);
    }

    private static InvalidRegistryUrlException invalid(String part, String whole, String why) {
        String shown = redact(part);
        return new InvalidRegistryUrlException(shown, "bad schema registry URL '" + shown + "'"
                + (part.equals(whole) ? "" : " in '" + redact(whole) + "'") + ": " + why
                + "; use http(s)://host:port[/path] (comma-separated for several) or mock://NAME");
    }

    /** Hides the password of a URL's user info. */
    private static String redact(String url) {
        return url.replaceAll("(?<=://)([^:/@,]*):[^@/,]*@", "$1:***@");
    }
}
