package scaffold

import (
	"io/fs"
	"sort"
	"testing/fstest"
)

// overlay is fsys with the files of top added.
type overlay struct {
	base fs.FS
	top  fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	if f, err := o.base.Open(name); err == nil {
		return f, nil
	}
	return o.top.Open(name)
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if f, ok := o.top[name]; ok {
		return f.Data, nil
	}
	return fs.ReadFile(o.base, name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.top[name]; ok {
		return fs.Stat(o.top, name)
	}
	if fi, err := fs.Stat(o.base, name); err == nil {
		return fi, nil
	}
	return fs.Stat(o.top, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.base, name)
	b, errB := fs.ReadDir(o.top, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range b {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range a {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
