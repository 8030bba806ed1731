import RelayburnCLI

// The lean CLI: no network stack linked. `server` and http stores are handed to relayburn-net (NetworkHandoff).
RelayburnMain.run()
