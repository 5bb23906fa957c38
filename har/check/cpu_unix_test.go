//go:build unix

package check

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the CPU time (user and system, all threads) each
// operation took since start: on a shared machine whose load is far above
// its cores, the wall-clock time says little, the CPU time divided by the
// cores says what an idle machine would take.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
