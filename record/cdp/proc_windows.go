//go:build windows

package cdp

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"syscall"
)

// give hands the browser its ends of the pipes: on Windows it takes the
// two handles from --remote-debugging-io-pipes=READ,WRITE. Only those two
// are inherited.
func (p *pipes) give(cmd *exec.Cmd) error {
	for _, f := range []*os.File{p.parentR, p.parentW} {
		if err := syscall.SetHandleInformation(syscall.Handle(f.Fd()), syscall.HANDLE_FLAG_INHERIT, 0); err != nil {
			return fmt.Errorf("making a pipe private: %w", err)
		}
	}
	hr, hw := syscall.Handle(p.childR.Fd()), syscall.Handle(p.childW.Fd())
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = new(syscall.SysProcAttr)
	}
	cmd.SysProcAttr.AdditionalInheritedHandles = append(cmd.SysProcAttr.AdditionalInheritedHandles, hr, hw)
	cmd.Args = slices.Insert(cmd.Args, 1, "--remote-debugging-io-pipes="+strconv.FormatUint(uint64(hr), 10)+","+strconv.FormatUint(uint64(hw), 10))
	return nil
}

func sysProcAttr(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = new(syscall.SysProcAttr)
	}
	cmd.SysProcAttr.CreationFlags |= syscall.CREATE_NEW_PROCESS_GROUP
}

func killLeftovers(string) {}
