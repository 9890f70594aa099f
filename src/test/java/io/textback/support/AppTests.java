package io.textback.support;

/** What the test meta-annotations configure, for tests that need to name it. */
public final class AppTests {

    /** The URL Twilio is told to call, which webhook signatures are computed for. */
    public static final String PUBLIC_URL = "https://textback.example.com";
    /** The key of the generic missed-call webhook ({@code X-Api-Key}). */
    public static final String API_KEY = "pbx-key-4f1d2c";
    /** Recipe time in {@link ScaledTimeAppTest}: 20 minutes become 6 seconds, 5 minutes 1.5 s, a minute 0.3 s. */
    public static final String RECIPE_TIME_SCALE = "0.005";

    private AppTests() {
    }
}
