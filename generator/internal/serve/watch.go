package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders whose files make the site.
var watched = []string{"content", "rules", "themes"}

// newWatcher starts the operating system's file events (a variable, for a
// test to make it fail as it does where events are unavailable).
var newWatcher = fsnotify.NewWatcher

// Ready is closed once Watch is watching: edits made after it are seen.
func (s *Server) Ready() <-chan struct{} { return s.readyChan() }

func (s *Server) readyChan() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ready == nil {
		s.ready = make(chan struct{})
	}
	return s.ready
}

func (s *Server) setReady() {
	ch := s.readyChan()
	select {
	case <-ch:
	default:
		close(ch)
	}
}

// Scans reports how many times the input folders were walked (each walk
// stats every file): an idle preview watching file events walks none.
func (s *Server) Scans() int64 { return s.scans.Load() }

// Watch rebuilds whenever a file under content/, rules/ or themes/ changes,
// until ctx ends. It waits for the operating system's file events
// (fsnotify): an idle preview does no work at all. Where events are not
// available (the watcher cannot start, or Poll is set, for network shares
// whose changes raise no event) it looks at the files every Every instead.
func (s *Server) Watch(ctx context.Context) {
	if !s.Poll {
		w, err := newWatcher()
		if err == nil {
			err = s.addTree(w, s.Root, false)
			for _, dir := range watched {
				if err == nil {
					err = s.addTree(w, filepath.Join(s.Root, dir), true)
				}
			}
			if err == nil {
				s.notify(ctx, w)
				return
			}
			w.Close()
		}
		s.logf("tebiki: file events unavailable (%v); looking for changes every %s instead\n", err, s.every())
	}
	s.poll(ctx)
}

func (s *Server) every() time.Duration {
	if s.Every == 0 {
		return 200 * time.Millisecond
	}
	return s.Every
}

func (s *Server) logf(format string, args ...any) {
	if s.Log != nil {
		fmt.Fprintf(s.Log, format, args...)
	}
}

// addTree watches dir and, when deep, every folder under it. A folder that
// does not exist is not an error: it is watched when it appears.
func (s *Server) addTree(w *fsnotify.Watcher, dir string, deep bool) error {
	if !deep {
		return w.Add(dir)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone while walking; its removal is an event
			}
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
	return err
}

// inputs reports whether an event's path lies in content/, rules/ or
// themes/ (or is one of them).
func (s *Server) inputs(name string) bool {
	rel, err := filepath.Rel(s.Root, name)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	for _, d := range watched {
		if first == d {
			return true
		}
	}
	return false
}

// notify rebuilds on file events. Events come in bursts (an editor's
// atomic save writes a temporary file and renames it over the old one):
// after the first, it waits until none has come for a moment, then compares
// the files with the last build's and rebuilds what changed.
func (s *Server) notify(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	quiet := s.every() / 2
	s.stamp = s.snapshot()
	s.setReady()
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.inputs(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					// A new folder (a new city, or one renamed into
					// place): watch it and what it already holds.
					if err := s.addTree(w, ev.Name, true); err != nil {
						s.logf("tebiki: cannot watch %s: %v\n", ev.Name, err)
					}
				}
			}
			settle.Reset(quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				s.logf("tebiki: watching files: %v\n", err)
			}
			settle.Reset(quiet) // events may have been lost: compare the files
		case <-settle.C:
			s.changedSince()
		}
	}
}

// changedSince rebuilds when the files differ from the last build's.
func (s *Server) changedSince() {
	st := s.snapshot()
	if st == s.stamp {
		return
	}
	cities := affected(s.stamp, st)
	s.stamp = st
	s.rebuild(cities)
}

// poll looks at the files every Every.
func (s *Server) poll(ctx context.Context) {
	every := s.every()
	s.stamp = s.snapshot()
	s.setReady()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if st := s.snapshot(); st != s.stamp {
				// Wait until the files stop changing: an editor may save
				// in several writes.
				for {
					time.Sleep(every)
					again := s.snapshot()
					if again == st {
						break
					}
					st = again
				}
				cities := affected(s.stamp, st)
				s.stamp = st
				s.rebuild(cities)
			}
		}
	}
}

// snapshot summarises the names, sizes and modification times of the inputs.
func (s *Server) snapshot() string {
	s.scans.Add(1)
	var b strings.Builder
	for _, dir := range watched {
		filepath.WalkDir(filepath.Join(s.Root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				rel, _ := filepath.Rel(s.Root, p)
				fmt.Fprintf(&b, "%s\x00%d %d\n", rel, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}
