package site

import (
	"io/fs"
	"syscall"
)

// inodeCTime returns a file's inode number and change time, which no
// program can set: an edit that puts back the size and modification time
// still changes them.
func inodeCTime(info fs.FileInfo) (uint64, int64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ino, st.Ctim.Nano()
	}
	return 0, 0
}
