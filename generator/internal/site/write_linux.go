package site

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// writeFile writes b to name and returns the file's modification time,
// through the system calls themselves: an os.File would also ask the
// poller to watch the file, which it refuses for a regular file (a call
// wasted on each of the 88,809 files of a national site).
func writeFile(name string, b []byte) (int64, error) {
	fd, err := openNoEINTR(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return 0, &os.PathError{Op: "open", Path: name, Err: err}
	}
	op := "write"
	for len(b) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, b)
		if err == unix.EINTR {
			err = nil
		} else if n == 0 && err == nil {
			err = io.ErrShortWrite
		}
		b = b[max(n, 0):]
	}
	var st unix.Stat_t
	if err == nil {
		op, err = "stat", unix.Fstat(fd, &st)
	}
	if err1 := unix.Close(fd); err == nil && err1 != nil {
		op, err = "close", err1
	}
	if err != nil {
		return 0, &os.PathError{Op: op, Path: name, Err: err}
	}
	return st.Mtim.Nano(), nil
}

// openNoEINTR is unix.Open, tried again when a signal interrupts it.
func openNoEINTR(name string, flags int, mode uint32) (int, error) {
	for {
		fd, err := unix.Open(name, flags, mode)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
