//go:build !windows

package cdp

import (
	"os"
	"os/exec"
)

// give hands the browser its ends of the pipes: on Unix it reads commands
// from its file descriptor 3 and writes to 4 (ExtraFiles count from 3).
func (p *pipes) give(cmd *exec.Cmd) error {
	cmd.ExtraFiles = []*os.File{p.childR, p.childW}
	return nil
}
