//go:build !linux && !windows

package cdp

import (
	"os/exec"
	"syscall"
)

// sysProcAttr: the browser has its own process group (a Ctrl-C in the
// terminal is for seqdoc, which then closes the browser).
func sysProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killLeftovers: Close has waited for the browser process; its helpers
// exit with it.
func killLeftovers(string) {}
