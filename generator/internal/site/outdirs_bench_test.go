package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// benchOutput writes an output shaped like a generated site's (per city
// and language 7 folders and 25 files, in two languages, plus the top
// pages) into out, with its record, and returns the record.
func benchOutput(b *testing.B, out string, cities int) *manifest {
	b.Helper()
	m := &manifest{Version: manifestVersion, Global: "g", Date: "2026-11-22", Groups: map[string]*group{}}
	page := []byte("<!doctype html><title>x</title><p>a page of the benchmark</p>\n")
	write := func(grp, rel string) {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, page, 0o644); err != nil {
			b.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		g := m.Groups[grp]
		if g == nil {
			g = &group{Files: fileRecs{}}
			m.Groups[grp] = g
		}
		g.Files[rel] = fileRec{Hash: fileHash(page), Size: st.Size(), MTime: st.ModTime().UnixNano()}
	}
	write("", "index.html")
	for _, lang := range []string{"ja", "en"} {
		write("", lang+"/index.html")
		for c := range cities {
			city := fmt.Sprintf("c%04d", c+1)
			dir := lang + "/" + city
			write(city, dir+"/index.html")
			for _, proc := range []string{"renewal", "pin_reset"} {
				write(city, dir+"/"+proc+"/index.html")
				write(city, dir+"/"+proc+"/staff/index.html")
				for i := range 10 {
					write(city, dir+"/"+proc+"/check/q"+strconv.Itoa(i)+".html")
				}
			}
		}
	}
	if err := writeManifest(out, m); err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkOutputCheck times the check of an earlier output against its
// record that every build over it makes (scanOutput), with every folder
// listed (a record without the folders' status: after a full build, or off
// Linux) and with the folders known by their status (after a build with
// nothing changed); and the reading of the record. Cities from
// TEBIKI_BENCH_CITIES (default 100; a national site has 1,741):
//
//	go test ./generator/internal/site -run '^$' -bench OutputCheck
func BenchmarkOutputCheck(b *testing.B) {
	n := 100
	if v := os.Getenv("TEBIKI_BENCH_CITIES"); v != "" {
		fmt.Sscanf(v, "%d", &n)
	}
	out := filepath.Join(b.TempDir(), "public")
	benchOutput(b, out, n)
	check := func(b *testing.B, wantListed func(int64) bool) {
		m, err := readManifestLazy(out)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if foreign, differs := scanOutput(out, m); foreign != "" || differs != nil {
				b.Fatalf("the output differs from its record: %q, %v", foreign, differs)
			}
		}
		if l := m.scanned.listed.Load(); !wantListed(l) {
			b.Fatalf("%d folders listed", l)
		}
	}
	b.Run(fmt.Sprintf("cities=%d/read-record", n), func(b *testing.B) {
		for b.Loop() {
			if _, err := readManifestLazy(out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(fmt.Sprintf("cities=%d/folders-listed", n), func(b *testing.B) {
		check(b, func(l int64) bool { return l > 1 })
	})
	// The folders recorded as a check sees them, once their times are
	// older than the racy window (shortened here).
	old := folderRacyWindow
	folderRacyWindow = 10 * time.Millisecond
	defer func() { folderRacyWindow = old }()
	time.Sleep(2 * folderRacyWindow)
	m, err := readManifest(out)
	if err != nil {
		b.Fatal(err)
	}
	scanOutput(out, m)
	if !m.scanned.used {
		b.Skip("folder times are not used on this file system")
	}
	m.Dirs, m.DirsAt = m.scanned.dirs(), m.scanned.at
	if err := writeManifest(out, m); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("cities=%d/folders-known", n), func(b *testing.B) {
		check(b, func(l int64) bool { return l == 1 })
	})
}
