package dev.dashmech.dashctl;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One execution of the command line, as a test sees it: exit code, stdout, stderr. */
record Run(int exitCode, String out, String err) {

    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Dashctl.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
