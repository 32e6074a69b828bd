package dev.dashmech.mechanism.instrument;

/**
 * The outcome of one stage of the instrumented allocation algorithm (Def. 16), per agent in the caller's agent
 * order: inferred value {@code v̂}, value range {@code vmax}, instrumented flag, the algorithm's input
 * {@code v̌}, win {@code w̌}, {@code x̌ = w̌ [not instrumented]} and the implicit payment {@code ř}; plus the
 * instrumentation samples {@code (v̌_i, w̌_i)} of the instrumented agents, which the instrumented dashboard
 * (Def. 17) learns from.
 *
 * <p>A reusable buffer of primitive arrays: {@link InstrumentedAllocation#allocate} overwrites it every stage
 * without allocating, as long as the number of agents stays the same (a different number reallocates the
 * arrays once). Read what you need before the next stage. Not thread-safe: keep one per thread, e.g. one per
 * stream task. Indices outside {@code [0, agents())} throw {@link ArrayIndexOutOfBoundsException}.
 */
public final class InstrumentedStage {

    private int agents = -1;
    private double rho;
    private double[] inferred = new double[0];
    private double[] vmax = new double[0];
    private boolean[] instrumented = new boolean[0];
    private double[] input = new double[0];
    private boolean[] won = new boolean[0];
    private boolean[] wonAtInferredValue = new boolean[0];
    private double[] implicitPayment = new double[0];
    private int[] sampleAgents = new int[0];
    private int samples;

    /** An empty buffer; its arrays are sized by the first stage. */
    public InstrumentedStage() {
    }

    /** A buffer with its arrays sized for stages of {@code agents} agents. */
    public InstrumentedStage(int agents) {
        if (agents < 1) {
            throw new IllegalArgumentException("a stage has at least one agent, was " + agents);
        }
        resize(agents);
    }

    /** Sizes the arrays for {@code n} agents (reallocating only if n changed) and records ρ. */
    void prepare(int n, double rho) {
        if (n != agents) {
            resize(n);
        }
        this.rho = rho;
        this.samples = 0;
    }

    private void resize(int n) {
        agents = n;
        inferred = new double[n];
        vmax = new double[n];
        instrumented = new boolean[n];
        input = new double[n];
        won = new boolean[n];
        wonAtInferredValue = new boolean[n];
        implicitPayment = new double[n];
        sampleAgents = new int[n];
    }

    // package-private writers and array access for InstrumentedAllocation

    double[] inferredArray() {
        return inferred;
    }

    double[] vmaxArray() {
        return vmax;
    }

    boolean[] instrumentedArray() {
        return instrumented;
    }

    double[] inputArray() {
        return input;
    }

    boolean[] wonArray() {
        return won;
    }

    boolean[] wonAtInferredValueArray() {
        return wonAtInferredValue;
    }

    double[] implicitPaymentArray() {
        return implicitPayment;
    }

    void addSample(int agent) {
        sampleAgents[samples++] = agent;
    }

    /** The number of agents of the last stage (0 before the first). */
    public int agents() {
        return Math.max(agents, 0);
    }

    /** The instrumentation rate ρ of the last stage; 0 means uninstrumented. */
    public double rho() {
        return rho;
    }

    /** Whether the stage was instrumented ({@code ρ > 0}), so that {@link #implicitPayment} is defined. */
    public boolean hasImplicitPayments() {
        return rho > 0;
    }

    /** Agent i's inferred value {@code v̂_i}, as passed in. */
    public double inferredValue(int i) {
        return inferred[i];
    }

    /** The top of agent i's value range {@code vmax_i}, as passed in. */
    public double vmax(int i) {
        return vmax[i];
    }

    /** Whether the algorithm saw a uniform draw instead of agent i's inferred value. */
    public boolean instrumented(int i) {
        return instrumented[i];
    }

    /** {@code v̌_i}: what the algorithm saw for agent i (the draw if instrumented, else {@code v̂_i}). */
    public double input(int i) {
        return input[i];
    }

    /** {@code w̌_i}: whether agent i won in the single call. */
    public boolean won(int i) {
        return won[i];
    }

    /**
     * {@code x̌_i = w̌_i [not instrumented]}: whether agent i won with its own inferred value as input (Def. 16).
     * With {@code ρ = 0} this equals {@link #won}.
     */
    public boolean wonAtInferredValue(int i) {
        return wonAtInferredValue[i];
    }

    /**
     * {@code ř_i}, agent i's implicit payment (Def. 16), an unbiased estimate of its truthful payment for the
     * instrumented algorithm (Theorem 6).
     *
     * @throws IllegalStateException if the stage was not instrumented ({@code ρ = 0}): then charge the truthful
     *     payment of the counterfactual rule instead (MECHANISM.md §5)
     */
    public double implicitPayment(int i) {
        if (!(rho > 0)) {
            throw new IllegalStateException("no implicit payment in an uninstrumented stage (rho = 0): the truthful "
                    + "payment comes from the counterfactual rule x_i(., v_-i) (Def. 11, 12)");
        }
        return implicitPayment[i];
    }

    /** The number of instrumentation samples of this stage: the number of instrumented agents. */
    public int instrumentationSampleCount() {
        return samples;
    }

    /** The agent of instrumentation sample {@code m}, {@code 0 <= m < instrumentationSampleCount()}. */
    public int instrumentationSampleAgent(int m) {
        checkSample(m);
        return sampleAgents[m];
    }

    /** The uniform draw {@code v̌} of instrumentation sample {@code m}. */
    public double instrumentationSampleValue(int m) {
        checkSample(m);
        return input[sampleAgents[m]];
    }

    /** Whether the agent of instrumentation sample {@code m} won ({@code w̌}). */
    public boolean instrumentationSampleWon(int m) {
        checkSample(m);
        return won[sampleAgents[m]];
    }

    private void checkSample(int m) {
        if (m < 0 || m >= samples) {
            throw new IndexOutOfBoundsException("instrumentation sample " + m + " of " + samples);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("InstrumentedStage[rho=").append(rho).append(", agents=")
                .append(agents());
        for (int i = 0; i < agents(); i++) {
            s.append(i == 0 ? ": " : "; ").append(i).append(": v̂=").append(inferred[i])
                    .append(instrumented[i] ? " instrumented v̌=" + input[i] : "").append(won[i] ? " won" : "");
            if (hasImplicitPayments()) {
                s.append(" ř=").append(implicitPayment[i]);
            }
        }
        return s.append(']').toString();
    }
}
