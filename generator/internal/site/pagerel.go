package site

import (
	"strings"
	"unsafe"
)

// pageRel returns Rel(from, PagePath(dir, key)), where key is given in
// parts (joined by "/"), in one allocation: the target's path is made in
// an array on the stack, not on the heap first (the layouts link to the
// top page, cities and guides on every page, about half a million links
// in a national build).
func pageRel(from, dir string, key ...string) string {
	var buf [192]byte
	to := append(buf[:0], dir...)
	to = append(to, '/')
	for _, k := range key {
		to = append(to, k...)
		to = append(to, '/')
	}
	to = append(to, "index.html"...)
	return relTo(from, to)
}

// relTo returns Rel(from, string(to)) in one allocation, to being the
// caller's buffer (not kept).
func relTo(from string, to []byte) string {
	up, rest := relSplit(from, unsafe.String(unsafe.SliceData(to), len(to)))
	if up == 0 {
		return strings.Clone(rest) // rest is in to
	}
	return climb(up, rest)
}
