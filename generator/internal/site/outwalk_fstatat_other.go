//go:build linux && !amd64 && !arm64

package site

import "golang.org/x/sys/unix"

// fstatat is unix.Fstatat (see outwalk_fstatat.go).
func fstatat(_ *[]byte, dirfd int, path string, st *unix.Stat_t, flags int) error {
	return unix.Fstatat(dirfd, path, st, flags)
}
