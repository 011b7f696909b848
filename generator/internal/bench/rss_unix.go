//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSS returns the peak resident set of a finished child process, in KB.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" { // bytes there, KB on Linux
		return int64(ru.Maxrss) / 1024
	}
	return int64(ru.Maxrss)
}

// settle flushes the file systems' pending writes (the previous output's
// deletion among them), so that they are not timed with the next build.
func settle() { syscall.Sync() }
