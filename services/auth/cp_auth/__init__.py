"""Auth service: password plus emailed security code, sessions, and the
ForwardAuth check that turns a session into a signed identity token."""
