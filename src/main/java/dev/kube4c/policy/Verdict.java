package dev.kube4c.policy;

/**
 * What one validation of a policy said about one object under one binding. {@code validation} is -1
 * for what concerns the whole policy (a missing parameter, a failing match condition).
 *
 * @param passed true when the expression held
 * @param message for a failure: the message the API server would give (null when passed)
 * @param reason the validation's reason (Invalid, Forbidden, ...)
 */
public record Verdict(
    String policy, String binding, int validation, boolean passed, String message, String reason) {}
