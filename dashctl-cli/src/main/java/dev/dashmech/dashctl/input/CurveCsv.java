package dev.dashmech.dashctl.input;

import dev.dashmech.dashctl.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A monotone curve read from a two-column CSV file: {@code value,probability} rows for an allocation rule,
 * {@code bid,probability} rows for a bid-allocation rule. An optional header line, blank lines and {@code #}
 * comments are skipped. The first column must be non-negative and strictly increasing, the probabilities in
 * {@code [0, 1]} and non-decreasing; errors name the file, the line and the value. (Two columns of numbers need
 * no CSV library.)
 */
public final class CurveCsv {

    private final double[] xs;
    private final double[] probabilities;

    private CurveCsv(double[] xs, double[] probabilities) {
        this.xs = xs;
        this.probabilities = probabilities;
    }

    /** An allocation rule {@code y(v)}: rows {@code value,probability}. */
    public static CurveCsv readAllocationRule(Path file) {
        return read(file, "value");
    }

    /** A bid-allocation rule {@code x̃(b)}: rows {@code bid,probability}. */
    public static CurveCsv readBidAllocationRule(Path file) {
        return read(file, "bid");
    }

    /** The first column (values or bids), strictly increasing. */
    public double[] xs() {
        return xs.clone();
    }

    /** The win probabilities, non-decreasing. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    public int size() {
        return xs.length;
    }

    static CurveCsv read(Path file, String xName) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("CSV file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines, xName);
    }

    static CurveCsv parse(String name, List<String> lines, String xName) {
        double[] x = new double[lines.size()];
        double[] p = new double[lines.size()];
        int[] lineOf = new int[lines.size()];
        int n = 0;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 2) {
                throw bad(name, lineNo, "expected 2 columns '" + xName + ",probability', found " + f.length
                        + " in '" + line + "'");
            }
            if (first && !isNumber(f[0].strip())) {
                first = false;
                continue; // header
            }
            first = false;
            double xv = number(name, lineNo, xName, f[0].strip());
            double pv = number(name, lineNo, "probability", f[1].strip());
            if (xv < 0) {
                throw bad(name, lineNo, xName + " " + f[0].strip() + " is negative; " + xName + "s start at 0");
            }
            if (!(pv >= 0 && pv <= 1)) {
                throw bad(name, lineNo, "probability " + f[1].strip() + " is outside [0, 1]");
            }
            if (n > 0 && !(xv > x[n - 1])) {
                throw bad(name, lineNo, xName + " " + f[0].strip() + " is not above " + x[n - 1] + " on line "
                        + lineOf[n - 1] + "; sort the rows by " + xName + " and drop duplicates");
            }
            if (n > 0 && pv < p[n - 1]) {
                throw bad(name, lineNo, "probability " + f[1].strip() + " is below " + p[n - 1] + " on line "
                        + lineOf[n - 1] + ": an allocation rule must be monotone (non-decreasing)");
            }
            x[n] = xv;
            p[n] = pv;
            lineOf[n] = lineNo;
            n++;
        }
        if (n < 2) {
            throw new BadInputException(name + ": needs at least 2 rows '" + xName + ",probability', found " + n);
        }
        return new CurveCsv(Arrays.copyOf(x, n), Arrays.copyOf(p, n));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String name, int line, String what, String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, line, what + " '" + s + "' is not a finite number");
    }

    private static BadInputException bad(String name, int line, String message) {
        return new BadInputException(name + " line " + line + ": " + message);
    }
}
