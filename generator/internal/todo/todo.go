// Package todo finds the TODO markers that "tebiki new" leaves in a copied
// city or procedure, at every fact staff must check or replace (offices,
// hours, contact, fee, prose). While any marker remains, check and build
// report each one with its position and refuse: a copy of another city's
// facts is never published by mistake.
//
// It imports only diag: not the loaders that call it.
package todo

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Marker is the word that marks a fact to fill in.
const Marker = "TODO"

// Is reports whether d is a TODO marker found by Scan or Find.
func Is(d diag.Diagnostic) bool { return d.Msg.Key == "unfinished: %s" }

// Find reports every TODO marker in src, the contents of file.
func Find(file string, src []byte, errs *diag.List) {
	off := 0
	for {
		i := bytes.Index(src[off:], []byte(Marker))
		if i < 0 {
			return
		}
		at := off + i
		off = at + len(Marker)
		line, col := diag.LineCol(src, at)
		end := bytes.IndexByte(src[at:], '\n')
		if end < 0 {
			end = len(src) - at
		}
		text := strings.TrimSpace(string(src[at : at+end]))
		if r := []rune(text); len(r) > 80 {
			text = string(r[:80]) + "…"
		}
		if !utf8.ValidString(text) {
			text = Marker
		}
		errs.AddHint(diag.Pos{File: file, Line: line, Col: col}, "check or replace this with the city's own fact, then delete the word TODO", "unfinished: %s", text)
	}
}
