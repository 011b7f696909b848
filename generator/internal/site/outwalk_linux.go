package site

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// walkOutput calls visit, from several goroutines, for every file (not
// folder) under out: its slash path from out, its size and modification
// time (nanoseconds), or why they could not be read. It returns the first
// error met while listing a folder.
//
// On Linux each folder is opened once and its files' status taken relative
// to it (fstatat), not by a path looked up again from the root: at national
// size (88,812 files in 24,378 folders) this check was two fifths of a build
// with nothing changed. Links are not followed.
func walkOutput(out string, visit func(rel string, size, mtime int64, err error)) error {
	root, err := os.Open(out)
	if err != nil {
		return err
	}
	defer root.Close()
	top, err := root.ReadDir(-1)
	if err != nil {
		return err
	}
	rootFd := int(root.Fd())
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	par.For(len(top), func(i int) {
		if err := walkAt(rootFd, top[i], "", visit); err != nil {
			fail(err)
		}
	})
	return firstErr
}

// walkAt visits the entry e of the open folder dirFd, whose slash path from
// the output is prefix (empty, or ending in a slash).
func walkAt(dirFd int, e os.DirEntry, prefix string, visit func(string, int64, int64, error)) error {
	rel := prefix + e.Name()
	if !e.IsDir() {
		var st unix.Stat_t
		if err := unix.Fstatat(dirFd, e.Name(), &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			visit(rel, 0, 0, err)
			return nil
		}
		if st.Mode&unix.S_IFMT == unix.S_IFDIR { // became a folder
			visit(rel, 0, 0, unix.EISDIR)
			return nil
		}
		visit(rel, st.Size, st.Mtim.Nano(), nil)
		return nil
	}
	fd, err := unix.Openat(dirFd, e.Name(), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return &os.PathError{Op: "open", Path: rel, Err: err}
	}
	f := os.NewFile(uintptr(fd), rel)
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return err
	}
	for _, c := range entries {
		if err := walkAt(fd, c, rel+"/", visit); err != nil {
			return err
		}
	}
	return nil
}
