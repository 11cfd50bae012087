"""The creditor web portal: server-rendered pages on top of the public API.

The portal keeps no data of its own. Every page is built from the gateway's
public API, called with the signed-in user's session token.
"""
