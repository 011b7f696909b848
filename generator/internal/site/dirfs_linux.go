package site

import (
	"io/fs"
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// diskFS is a project folder on disk (an os.DirFS) whose files are read
// through the system calls themselves: os.ReadFile also asks the poller to
// watch each file, which it refuses for a regular file, three calls wasted
// on each of the 20,000 input files of a national site. Everything else is
// the os.DirFS's, errors included.
type diskFS struct {
	fs.FS
	dir string
}

// onDisk returns fsys as a diskFS when it is a folder on disk.
func onDisk(fsys fs.FS) fs.FS {
	if dir, ok := dirOf(fsys); ok {
		if _, done := fsys.(diskFS); !done {
			return diskFS{fsys, dir}
		}
	}
	return fsys
}

func (d diskFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || strings.IndexByte(name, 0) >= 0 {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: os.ErrInvalid}
	}
	full := d.dir + "/" + name
	if strings.HasSuffix(d.dir, "/") {
		full = d.dir + name
	}
	fd, err := openNoEINTR(full, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	size := 0
	if unix.Fstat(fd, &st) == nil && st.Size > 0 && int64(int(st.Size)) == st.Size {
		size = int(st.Size)
	}
	// Room for one byte more than the file's size, for the read that
	// finds its end (the file may have grown since).
	b := make([]byte, 0, max(size+1, 512))
	for {
		n, err := unix.Read(fd, b[len(b):cap(b)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func (d diskFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

func (d diskFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

func (d diskFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }

func (d diskFS) ReadLink(name string) (string, error) { return fs.ReadLink(d.FS, name) }
