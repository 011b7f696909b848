//go:build unix

// Package flock takes exclusive locks that other processes wait for: on the
// checker's build cache, and on the folder a site is built into.
package flock

import (
	"os"
	"syscall"
)

// File takes an exclusive lock on the file at path, creating it if needed,
// and waits for other holders. It returns the function that releases it.
func File(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	return lock(f)
}

// Dir takes an exclusive lock on the existing folder at path.
func Dir(path string) (func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return lock(f)
}

func lock(f *os.File) (func(), error) {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
