package site

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// listInputs lists the files under roots (slash paths) of fsys, in the
// order fs.WalkDir visits them, each with its status (as fs.Stat gives
// it: links followed), when fsys is a folder on disk (os.DirFS). Each
// folder is opened once and its files' status taken relative to it
// (fstatat), the folders under each root in parallel: through fs.WalkDir
// and fs.Stat, every path was looked up again from the project folder, one
// folder after another (a sixth of a build with nothing changed at
// national size). A root that does not exist is skipped, as hashInputs
// does. ok is false when fsys is not a folder on disk or anything else went
// wrong: the caller then walks fsys itself (and meets the same error).
func listInputs(fsys fs.FS, roots []string) (paths []string, stats []fileStat, ok bool) {
	dir, isDir := dirOf(fsys)
	if !isDir {
		return nil, nil, false
	}
	top, err := os.Open(dir)
	if err != nil {
		return nil, nil, false
	}
	defer top.Close()
	topFd := int(top.Fd())
	// A piece of the list: a file, or everything under a folder.
	type piece struct {
		dirFd int // the folder it is in
		name  string
		rel   string
		dir   bool
		paths []string
		stats []fileStat
		ok    bool
	}
	var pieces []*piece
	for _, root := range roots {
		fd, err := unix.Openat(topFd, root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.ENOENT) {
			continue
		}
		if err != nil {
			return nil, nil, false
		}
		f := os.NewFile(uintptr(fd), root)
		defer f.Close()
		entries, err := readDirSorted(f)
		if err != nil {
			return nil, nil, false
		}
		for _, e := range entries {
			pieces = append(pieces, &piece{dirFd: fd, name: e.Name(), rel: root + "/" + e.Name(), dir: e.IsDir()})
		}
	}
	par.For(len(pieces), func(i int) {
		p := pieces[i]
		var buf []byte
		if p.dir {
			p.ok = listInputDir(&buf, p.dirFd, p.name, p.rel, &p.paths, &p.stats)
			return
		}
		st, err := statAt(&buf, p.dirFd, p.name)
		p.paths, p.stats, p.ok = []string{p.rel}, []fileStat{st}, err == nil
	})
	for _, p := range pieces {
		if !p.ok {
			return nil, nil, false
		}
		paths = append(paths, p.paths...)
		stats = append(stats, p.stats...)
	}
	return paths, stats, true
}

// listInputDir appends the files under the folder name of the open folder
// dirFd, whose slash path is rel, in fs.WalkDir's order.
func listInputDir(buf *[]byte, dirFd int, name, rel string, paths *[]string, stats *[]fileStat) bool {
	fd, err := unix.Openat(dirFd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	f := os.NewFile(uintptr(fd), rel)
	defer f.Close()
	entries, err := readDirSorted(f)
	if err != nil {
		return false
	}
	for _, e := range entries {
		p := rel + "/" + e.Name()
		if e.IsDir() {
			if !listInputDir(buf, fd, e.Name(), p, paths, stats) {
				return false
			}
			continue
		}
		st, err := statAt(buf, fd, e.Name())
		if err != nil {
			return false
		}
		*paths = append(*paths, p)
		*stats = append(*stats, st)
	}
	return true
}

// readDirSorted lists the folder f by name, as fs.ReadDir does.
func readDirSorted(f *os.File) ([]os.DirEntry, error) {
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b os.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// statAt returns the status of the file name in the open folder fd, links
// followed (as fs.Stat through os.DirFS); buf: see fstatat.
func statAt(buf *[]byte, fd int, name string) (fileStat, error) {
	var st unix.Stat_t
	if err := fstatat(buf, fd, name, &st, 0); err != nil {
		return fileStat{}, err
	}
	return fileStat{size: st.Size, mtime: st.Mtim.Nano(), ino: st.Ino, ctime: st.Ctim.Nano()}, nil
}

// dirOf returns the folder of an os.DirFS.
func dirOf(fsys fs.FS) (string, bool) {
	if fsys == nil {
		return "", false
	}
	if d, ok := fsys.(diskFS); ok {
		return d.dir, true
	}
	v := reflect.ValueOf(fsys)
	t := v.Type()
	if t.PkgPath() != "os" || t.Name() != "dirFS" || v.Kind() != reflect.String || v.String() == "" {
		return "", false
	}
	return v.String(), true
}
