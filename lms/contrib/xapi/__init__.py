"""xAPI: every applied progress event as an xAPI 1.0.3 statement, sent to a learning
record store through an outbox, in order, exactly once per statement id."""
