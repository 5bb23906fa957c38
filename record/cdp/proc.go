package cdp

import (
	"os"
	"os/exec"
	"runtime"
)

// pipes are the two pipes of --remote-debugging-pipe: the browser reads
// commands from one and writes answers and events to the other.
type pipes struct {
	childR, parentW *os.File // commands: we write, the browser reads
	parentR, childW *os.File // answers and events: the browser writes, we read
}

func newPipes() (*pipes, error) {
	r1, w1, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	r2, w2, err := os.Pipe()
	if err != nil {
		r1.Close()
		w1.Close()
		return nil, err
	}
	return &pipes{childR: r1, parentW: w1, parentR: r2, childW: w2}, nil
}

func (p *pipes) closeChild() {
	p.childR.Close()
	p.childW.Close()
}

func (p *pipes) closeAll() {
	p.closeChild()
	p.parentR.Close()
	p.parentW.Close()
}

// startLocked starts the browser from a goroutine locked to its thread (on
// Linux, Pdeathsig follows the thread that started the child: see
// go.dev/issue/27505) and waits for it there.
func startLocked(cmd *exec.Cmd, b *Browser) error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		b.exitErr = cmd.Wait()
		close(b.exited)
	}()
	return <-started
}
