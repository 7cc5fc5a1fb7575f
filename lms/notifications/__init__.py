"""Email: the delivery machinery (`delivery`: a log whose unique keys send each
message once, rendering, the nudge opt-out) and the campaigns built on it
(pacing `unlock` emails, inactivity `nudges`, the managers' weekly `digest`)."""
