package record

import "os"

// hasDisplay reports whether a visible window can open (X11 or Wayland).
func hasDisplay() bool { return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" }

// isRoot reports whether seqdoc runs as root (a container): Chromium then
// needs --no-sandbox.
func isRoot() bool { return os.Geteuid() == 0 }
