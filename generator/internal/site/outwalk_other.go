//go:build !linux

package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// walkOutput calls visit, from several goroutines, for every file (not
// folder) under out: its slash path from out, its size and modification
// time (nanoseconds), or why they could not be read. It returns the first
// error met while listing a folder.
func walkOutput(out string, visit func(rel string, size, mtime int64, err error)) error {
	top, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var (
		mu       sync.Mutex
		firstErr error
	)
	par.For(len(top), func(i int) {
		err := filepath.WalkDir(filepath.Join(out, top[i].Name()), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			info, err := d.Info()
			if err != nil {
				visit(filepath.ToSlash(rel), 0, 0, err)
				return nil
			}
			visit(filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano(), nil)
			return nil
		})
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}
	})
	return firstErr
}
