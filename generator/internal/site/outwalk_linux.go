package site

import (
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// walkOutput calls visit, from several goroutines, for every file (not
// folder) under out that lies in a folder it lists: its slash path from
// out, its size and modification time (nanoseconds), or why they could not
// be read. It returns the first error met while listing a folder.
//
// A folder that m's record of folders (m.Dirs, see outdirs.go) shows
// unchanged is not listed: the walk goes on into the subfolders the record
// puts in it, and the caller takes the status of the files the record puts
// there (walked.notListed, walked.stat).
//
// Each folder listed is opened once and its files' status taken relative to
// it (fstatat), not by a path looked up again from the root. Links are not
// followed.
func walkOutput(out string, m *manifest, visit func(rel string, size, mtime int64, err error)) (*walked, error) {
	w := &walked{scan: &folderScan{at: time.Now().UnixNano()}}
	root, err := os.Open(out)
	if err != nil {
		return w, err
	}
	w.root = root
	rootFd := int(root.Fd())
	w.rootFd = rootFd
	var sfs unix.Statfs_t
	if unix.Fstatfs(rootFd, &sfs) == nil && keepsFolderTimes(uint32(sfs.Type)) {
		w.scan.used = true
		if m != nil && m.DirsAt != 0 && len(m.Dirs) > 0 {
			w.idx, w.knownAt = indexDirs(m.Dirs), m.DirsAt
		}
	}
	top, err := root.ReadDir(-1)
	if err != nil {
		return w, err
	}
	w.scan.listed.Add(1)
	var (
		mu       sync.Mutex
		firstErr error
	)
	found := make([][]foundDir, len(top)) // by each goroutine, without a lock
	par.For(len(top), func(i int) {
		e := top[i]
		var err error
		var buf []byte
		if e.IsDir() {
			err = w.dir(&buf, rootFd, e.Name(), e.Name(), visit, &found[i])
		} else {
			fileAt(&buf, rootFd, e.Name(), e.Name(), visit)
		}
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}
	})
	if w.scan.used {
		w.scan.found = found
		w.listed = map[string]bool{"": true}
		for _, f := range found {
			for _, d := range f {
				if d.listed {
					w.listed[d.rel] = true
				}
			}
		}
	}
	return w, firstErr
}

// keepsFolderTimes reports whether a file system (statfs's f_type) is one
// whose folders' modification and change times are known to change with
// their entries, to the nanosecond or nearly.
func keepsFolderTimes(fsType uint32) bool {
	switch fsType {
	case unix.EXT4_SUPER_MAGIC, // also ext2 and ext3
		unix.TMPFS_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.F2FS_SUPER_MAGIC:
		return true
	}
	return false
}

// walked is what walkOutput leaves for the caller: what it saw of the
// folders, which it listed, and the output folder, open.
type walked struct {
	root    *os.File
	rootFd  int
	scan    *folderScan
	idx     map[string]*dirNode // the record's folders; nil: all listed
	knownAt int64
	listed  map[string]bool // the folders listed, "" among them
}

// notListed reports whether the folder of the file rel (a slash path from
// the output) was not listed, when some folders were not: the caller then
// takes the file's status. Its folder was then known by its status, or
// is not there (the file's status cannot be taken): every folder is reached
// by the walk, through a listing or as a recorded folder of one known.
func (w *walked) notListed(rel string) bool {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 { // in the output folder, always listed
		return false
	}
	return len(w.listed) == 1 || !w.listed[rel[:i]]
}

// stat returns the size and modification time of the regular file rel
// (buf: see fstatat).
func (w *walked) stat(buf *[]byte, rel string) (size, mtime int64, err error) {
	var st unix.Stat_t
	if err := fstatat(buf, w.rootFd, rel, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return 0, 0, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return 0, 0, unix.EINVAL
	}
	return st.Size, st.Mtim.Nano(), nil
}

func (w *walked) close() {
	if w.root != nil {
		w.root.Close()
	}
}

// fileAt visits the file name of the open folder dirFd.
func fileAt(buf *[]byte, dirFd int, name, rel string, visit func(string, int64, int64, error)) {
	var st unix.Stat_t
	if err := fstatat(buf, dirFd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		visit(rel, 0, 0, err)
		return
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR { // became a folder
		visit(rel, 0, 0, unix.EISDIR)
		return
	}
	visit(rel, st.Size, st.Mtim.Nano(), nil)
}

// dir walks the folder name of the open folder dirFd, whose slash path
// from the output is rel. Its status is taken before it is listed: a change
// made while it is listed changes its status, and the next check lists it
// again.
func (w *walked) dir(buf *[]byte, dirFd int, name, rel string, visit func(string, int64, int64, error), found *[]foundDir) error {
	var st unix.Stat_t
	if err := fstatat(buf, dirFd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return &os.PathError{Op: "stat", Path: rel, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return &os.PathError{Op: "stat", Path: rel, Err: unix.ENOTDIR}
	}
	now := dirRec{Ino: st.Ino, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano()}
	i := len(*found)
	if w.scan.used {
		*found = append(*found, foundDir{rel: rel, st: now})
	}
	if n := w.idx[rel]; n != nil && n.rec.trusted(now, w.knownAt) {
		// Its entries are as recorded: the record's files (their status
		// is taken by the caller) and the record's folders.
		w.scan.trusted.Add(1)
		for _, sub := range n.subs {
			p := rel + "/" + sub
			if err := w.dir(buf, w.rootFd, p, p, visit, found); err != nil {
				return err
			}
		}
		return nil
	}
	w.scan.listed.Add(1)
	if w.scan.used {
		(*found)[i].listed = true
		if now.settled(w.scan.at) {
			w.scan.settled.Add(1)
		}
	}
	fd, err := unix.Openat(dirFd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
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
		p := rel + "/" + c.Name()
		if c.IsDir() {
			if err := w.dir(buf, fd, c.Name(), p, visit, found); err != nil {
				return err
			}
		} else {
			fileAt(buf, fd, c.Name(), p, visit)
		}
	}
	return nil
}

// statFolders returns the status of every folder under out that holds a
// file of rec (out itself aside), as a check beginning now would record it,
// and that moment: a full build's record of its folders (outdirs.go), taken
// once its files are written, so that the next check need not list the
// folders the build made (24,378 at national size). Where folder times are
// not trusted, or a folder cannot be read, it returns none.
func statFolders(out string, rec *record) (dirRecs, int64) {
	root, err := os.Open(out)
	if err != nil {
		return nil, 0
	}
	defer root.Close()
	rootFd := int(root.Fd())
	var sfs unix.Statfs_t
	if unix.Fstatfs(rootFd, &sfs) != nil || !keepsFolderTimes(uint32(sfs.Type)) {
		return nil, 0
	}
	seen := map[string]bool{}
	var dirs []string
	for _, files := range rec.files {
		for p := range files {
			// A folder seen has had the folders that hold it seen too.
			for i := strings.LastIndexByte(p, '/'); i > 0 && !seen[p[:i]]; i = strings.LastIndexByte(p[:i], '/') {
				seen[p[:i]] = true
				dirs = append(dirs, p[:i])
			}
		}
	}
	at := time.Now().UnixNano()
	sts := make([]dirRec, len(dirs))
	var bad atomic.Bool
	const chunk = 256
	par.For((len(dirs)+chunk-1)/chunk, func(c int) {
		var buf []byte
		var st unix.Stat_t
		for i := c * chunk; i < min(len(dirs), (c+1)*chunk); i++ {
			if fstatat(&buf, rootFd, dirs[i], &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
				bad.Store(true)
				return
			}
			sts[i] = dirRec{Ino: st.Ino, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano()}
		}
	})
	if bad.Load() {
		return nil, 0
	}
	d := make(dirRecs, len(dirs))
	for i, p := range dirs {
		d[p] = sts[i]
	}
	return d, at
}
