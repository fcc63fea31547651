package functions.shared;

/** Stands for the process dying mid-request (a Lambda timeout): an Error, so no catch block compensates it. */
public final class SimulatedCrash extends Error {

    public SimulatedCrash(String where) {
        super("simulated crash in " + where);
    }
}
