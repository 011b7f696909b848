// Package serve is the preview server for city staff: it builds the site in
// memory, serves it on loopback, rebuilds whenever a file under content/,
// rules/ or themes/ changes, and reloads the open page. When an edit breaks
// the build, the last good site stays up and the problems are shown in the
// page and in the terminal.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// Server serves the last good build of a project.
type Server struct {
	Root    string // project folder
	Theme   string
	Checker string        // where the checker comes from (see site.Options.Checker), or ""
	Date    string        // build for this day (YYYY-MM-DD); default today
	Lang    string        // language of problem reports: "ja" or "en" (default)
	Log     io.Writer     // build results and problems
	Every   time.Duration // how often to look for changes; default 200ms

	mu      sync.Mutex
	files   map[string][]byte
	problem string // the last failed build's problems, "" when the last build succeeded
	version int
	changed chan struct{} // closed and replaced on every rebuild
	stamp   string
}

// Rebuild builds the whole site now. On success the new site replaces the
// old one; on failure the old one stays and the problems are kept for the
// page.
func (s *Server) Rebuild() (time.Duration, error) { return s.rebuild(nil) }

// RebuildCities rebuilds after edits that concern only these cities (their
// rules or content, or the top pages' content when cities is empty): their
// pages and the top pages are rendered again, the rest is kept.
func (s *Server) RebuildCities(cities []string) (time.Duration, error) {
	if cities == nil {
		cities = []string{}
	}
	return s.rebuild(cities)
}

func (s *Server) rebuild(cities []string) (time.Duration, error) {
	start := time.Now()
	s.mu.Lock()
	partial := cities != nil && s.files != nil
	s.mu.Unlock()
	opts := site.Options{Src: os.DirFS(s.Root), Theme: s.Theme, Checker: s.Checker, Date: s.Date}
	if partial {
		opts.Cities = cities
	}
	files, _, err := site.BuildFiles(opts)
	if err == nil && partial {
		s.mu.Lock()
		merged := make(map[string][]byte, len(s.files))
		for p, b := range s.files {
			drop := false
			for _, c := range cities {
				if strings.HasPrefix(p, "ja/"+c+"/") || strings.HasPrefix(p, "en/"+c+"/") {
					drop = true // the city's pages come anew: a page it lost disappears
				}
			}
			if !drop {
				merged[p] = b
			}
		}
		s.mu.Unlock()
		for p, b := range files {
			merged[p] = b
		}
		files = merged
	}
	d := time.Since(start)
	s.mu.Lock()
	if err != nil {
		s.problem = err.Error()
		var de *diag.Error
		if errors.As(err, &de) {
			s.problem = de.StringIn(s.Lang)
		}
	} else {
		s.files, s.problem = files, ""
	}
	s.version++
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if s.Log != nil {
		if err != nil {
			fmt.Fprintf(s.Log, "%s\ntebiki: build failed after %s; still serving the last good site\n", s.problem, d.Round(time.Millisecond))
		} else {
			fmt.Fprintf(s.Log, "tebiki: rebuilt %d files in %s\n", len(files), d.Round(time.Millisecond))
		}
	}
	return d, err
}

// Watch rebuilds whenever a file under content/, rules/ or themes/ changes,
// until ctx ends.
func (s *Server) Watch(ctx context.Context) {
	every := s.Every
	if every == 0 {
		every = 200 * time.Millisecond
	}
	s.stamp = s.snapshot()
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
	var b strings.Builder
	for _, dir := range []string{"content", "rules", "themes"} {
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

// ServeHTTP serves the site, the reload script and the change events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/__tebiki/events":
		s.events(w, r)
		return
	case "/__tebiki/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	}
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	s.mu.Lock()
	files, problem, version := s.files, s.problem, s.version
	s.mu.Unlock()
	b, ok := files[p]
	if !ok {
		if files == nil && problem != "" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			b = []byte("<!DOCTYPE html><html lang=\"en\"><head><title>Build failed</title></head><body></body></html>")
			p = "error.html"
		} else {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(p))
	if path.Ext(p) == ".wasm" {
		ctype = "application/wasm"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(p, ".html") {
		b = inject(b, version, problem)
	}
	w.Write(b)
}

// inject adds the reload script, and the problems of a failed build, to a page.
func inject(page []byte, version int, problem string) []byte {
	var add bytes.Buffer
	if problem != "" {
		fmt.Fprintf(&add, `<div id="tebiki-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#fff3f3;color:#600;border-top:3px solid #c00;padding:1rem;font:14px/1.5 monospace;white-space:pre-wrap;z-index:99"><strong>Build failed; this is the last good version. / ビルドに失敗しました。表示しているのは前回の正常な版です。</strong>%s</div>`, "\n"+html.EscapeString(problem))
	}
	fmt.Fprintf(&add, `<script src="/__tebiki/reload.js" data-version="%d"></script>`, version)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, add.Bytes()...)
	}
	out := append([]byte{}, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// events streams a "reload" event after every rebuild (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	s.mu.Lock()
	if s.changed == nil {
		s.changed = make(chan struct{})
	}
	ch, v := s.changed, s.version
	s.mu.Unlock()
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", v)
	fl.Flush()
	select {
	case <-r.Context().Done():
	case <-ch:
		s.mu.Lock()
		v = s.version
		s.mu.Unlock()
		fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
		fl.Flush()
	}
}

const reloadJS = `(function(){var es=new EventSource("/__tebiki/events");es.addEventListener("reload",function(){location.reload()});})();`

// affected returns the cities whose files differ between two snapshots, or
// nil when a change concerns everything (the national rules, the theme).
// An empty list means only the top pages' own content changed.
func affected(before, after string) []string {
	lines := func(s string) map[string]string {
		m := map[string]string{}
		for _, l := range strings.Split(s, "\n") {
			if name, rest, ok := strings.Cut(l, "\x00"); ok {
				m[name] = rest
			}
		}
		return m
	}
	a, b := lines(before), lines(after)
	changed := map[string]bool{}
	for k, v := range a {
		if b[k] != v {
			changed[k] = true
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			changed[k] = true
		}
	}
	cities := []string{}
	for p := range changed {
		city, ok := site.InputGroup(filepath.ToSlash(p))
		switch {
		case !ok:
			return nil
		case city != "": // "": the top pages' own prose, rendered in every partial rebuild
			cities = append(cities, city)
		}
	}
	slices.Sort(cities)
	return slices.Compact(cities)
}
