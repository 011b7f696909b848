//go:build !linux

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// walkOutput calls visit, from several goroutines, for every file (not
// folder) under out: its slash path from out, its size and modification
// time (nanoseconds), or why they could not be read. It returns the first
// error met while listing a folder. Every folder is listed: the record of
// folders (outdirs.go) is used on Linux only.
func walkOutput(out string, _ *manifest, visit func(rel string, size, mtime int64, err error)) (*walked, error) {
	w := &walked{scan: &folderScan{at: time.Now().UnixNano()}}
	top, err := os.ReadDir(out)
	if err != nil {
		return w, err
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
	return w, firstErr
}

// walked: elsewhere, every folder is listed.
type walked struct{ scan *folderScan }

func (w *walked) notListed(string) bool { return false }

func (w *walked) stat(*[]byte, string) (int64, int64, error) {
	return 0, 0, errors.New("not used")
}

func (w *walked) close() {}

// statFolders: elsewhere, folders are not recorded.
func statFolders(string, *record) (dirRecs, int64) { return nil, 0 }
