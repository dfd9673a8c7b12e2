package info.zemus.messaging.observability;

/** Secrets as logs and {@code toString} may show them: the first 4 characters of a long one, never the rest. */
public final class Secrets {

    private Secrets() {
    }

    public static String mask(String secret) {
        return secret == null || secret.length() <= 8 ? "***" : secret.substring(0, 4) + "***";
    }
}
