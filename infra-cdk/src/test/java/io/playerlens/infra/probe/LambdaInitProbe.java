package io.playerlens.infra.probe;

/**
 * What the Lambda runtime does at init (and SnapStart at publish time), in a process of its own: load the handler
 * class from the deployable and run its no-arg constructor with the process's environment. Exit 0 when it succeeds;
 * otherwise the exception is printed and the exit code is 1. No JDK-external class is used here, so the deployable's
 * own classes and dependencies are what is loaded.
 */
public final class LambdaInitProbe {
    private LambdaInitProbe() {
    }

    public static void main(String[] args) {
        try {
            Class<?> handler = Class.forName(args[0]);
            handler.getConstructor().newInstance();
            System.out.println("INIT OK " + args[0]);
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            System.out.println("INIT FAILED " + args[0] + ": " + cause);
            cause.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
