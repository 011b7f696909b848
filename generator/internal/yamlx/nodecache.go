package yamlx

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// A cache of parsed YAML, by the hash of the bytes parsed. At national size
// a build parses about 10,000 rule files of which an edit changes a few:
// parsing them all again took half of a one-city rebuild's CPU (yaml.v3's
// scanner). The node trees of the files parsed without a problem are kept
// in a file between builds (the caller names it after the running
// executable, so a Tebiki built with another YAML parser never reads
// another's trees) and rebuilt from it, several times faster than parsing.
//
// Only the parsing is cached: every check made on the tree (decoding, the
// rules' own checks) runs as before, so the problems reported are the same.
// A file that cannot be read as a whole (truncated, corrupt: its checksum
// does not match) is ignored, and everything is parsed again. Each Parse gets
// a tree of its own, never one shared with another Parse.

const (
	nodeCacheMagic = "tebiki-yamlnodes 3\n"
	maxNodeDepth   = 10000
)

var nodeCache nodeCacheState

type nodeCacheState struct {
	mu   sync.Mutex
	path string // the file loaded, "" when none
	// file is the file loaded, open: the trees of old are read from it when
	// parsed, not held (the file of a national project is 70 MB, and was
	// held whole while the build loaded).
	file  *os.File
	old   map[[32]byte]record // trees in the file, by hash
	used  map[[32]byte]bool   // of old, those parsed this time
	added map[[32]byte]string // trees parsed this time, not in the file
	// saved are trees added by this process and written to the file
	// since (it reads them from memory, not from the file it has open,
	// which a save may have replaced).
	saved   map[[32]byte]string
	whole   bool // the file was read whole: records can be added at its end
	enabled atomic.Bool
	hits    atomic.Int64
}

// record is where a tree's record is in the cache file: it starts at off,
// and its encoding takes n bytes after the hash and a length of k bytes.
type record struct {
	off  int64
	k, n int
}

// size is the length of the whole record: hash, length, tree and checksum.
func (r record) size() int { return 32 + r.k + r.n + 4 }

// LoadNodeCache starts using the cache of parsed YAML kept in the file at
// path: Parse takes its trees from there, and keeps those it parses for
// SaveNodeCache. It reports whether the file was read; a missing, truncated
// or corrupt file is no error (it is as if empty).
func LoadNodeCache(path string) bool {
	c := &nodeCache
	c.mu.Lock()
	defer c.mu.Unlock()
	c.enabled.Store(true)
	if c.path == path && c.old != nil {
		return true
	}
	c.closeFile()
	c.path, c.old, c.used, c.added, c.saved = path, map[[32]byte]record{}, map[[32]byte]bool{}, map[[32]byte]string{}, map[[32]byte]string{}
	c.whole = false
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	m, err := indexNodeCache(f)
	if err != nil {
		f.Close()
		return false
	}
	c.file, c.old, c.whole = f, m, true
	return true
}

// closeFile closes the file loaded, if open (c.mu held).
func (c *nodeCacheState) closeFile() {
	if c.file != nil {
		c.file.Close()
		c.file = nil
	}
}

// readOld reads the encoded tree of record r from the file loaded, checking
// its checksum again (c.mu need not be held: the file is read at offsets).
func readOld(f *os.File, h [32]byte, r record) (string, bool) {
	if f == nil {
		return "", false
	}
	b := make([]byte, r.size())
	if _, err := f.ReadAt(b, r.off); err != nil {
		return "", false
	}
	end := len(b) - 4
	if [32]byte(b[:32]) != h || crc32.Checksum(b[:end], crcTable) != binary.LittleEndian.Uint32(b[end:]) {
		return "", false
	}
	return unsafe.String(&b[32+r.k], r.n), true // b is not written again
}

// ReleaseNodeCache saves the cache (see SaveNodeCache) and lets go of it:
// the file's bytes and the trees kept for the next build. Parse works
// without the cache until LoadNodeCache is called again. A build calls it
// once everything is parsed, so the memory serves the rendering instead.
func ReleaseNodeCache() error {
	err := SaveNodeCache()
	c := &nodeCache
	c.mu.Lock()
	defer c.mu.Unlock()
	c.enabled.Store(false)
	c.closeFile()
	c.path, c.old, c.used, c.added, c.saved, c.whole = "", nil, nil, nil, nil, false
	return err
}

// NodeCacheHeld reports whether the cache is in use and held in memory
// (for tests).
func NodeCacheHeld() bool {
	c := &nodeCache
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.enabled.Load() && c.old != nil
}

// NodeCacheHits returns how many trees Parse took from the cache since the
// process started (for tests and benchmarks).
func NodeCacheHits() int64 { return nodeCache.hits.Load() }

// indexNodeCache reads the file, through a small buffer, and lists where
// each tree's record is: the header, then records of a hash (32 bytes), a
// length (uvarint), the encoded tree and a CRC-32C of the three. Records
// are added at the end of the file (see SaveNodeCache); one bad record, or
// one cut short, makes the whole file unread.
func indexNodeCache(f *os.File) (map[[32]byte]record, error) {
	bad := errors.New("corrupt cache of parsed YAML")
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	r := bufio.NewReaderSize(f, 256<<10)
	head := make([]byte, len(nodeCacheMagic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != nodeCacheMagic {
		return nil, bad
	}
	m := map[[32]byte]record{}
	var buf []byte // one record, reused
	for off := int64(len(nodeCacheMagic)); off < size; {
		buf = buf[:0]
		var h [32]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, bad
		}
		buf = append(buf, h[:]...)
		var n uint64
		k := 0
		for shift := uint(0); ; shift += 7 {
			c, err := r.ReadByte()
			if err != nil || k == binary.MaxVarintLen64 {
				return nil, bad
			}
			buf = append(buf, c)
			k++
			n |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
		if n+4 > uint64(size-off-32-int64(k)) {
			return nil, bad
		}
		start := len(buf)
		buf = append(buf, make([]byte, int(n)+4)...)
		if _, err := io.ReadFull(r, buf[start:]); err != nil {
			return nil, bad
		}
		end := len(buf) - 4
		if crc32.Checksum(buf[:end], crcTable) != binary.LittleEndian.Uint32(buf[end:]) {
			return nil, bad
		}
		rec := record{off: off, k: k, n: int(n)}
		m[h] = rec
		off += int64(rec.size())
	}
	return m, nil
}

// appendRecord appends the record of a tree to b.
func appendRecord(b []byte, h [32]byte, enc string) []byte {
	start := len(b)
	b = append(b, h[:]...)
	b = binary.AppendUvarint(b, uint64(len(enc)))
	b = append(b, enc...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable))
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// keepUnused is how much of the trees a build did not parse the file keeps
// (bytes): those of files edited since, or of the rule tests that an
// incremental build does not run, or of another project. Past it, and past
// twice what the build parsed, they are dropped.
var keepUnused = 64 << 20

// SaveNodeCache writes the trees parsed since LoadNodeCache, from the cache
// or not, to its file, with those of the file not parsed this time while
// the file stays small (see keepUnused). It writes nothing when nothing was
// added and nothing is to be dropped.
func SaveNodeCache() error {
	c := &nodeCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" {
		return nil
	}
	used, total := 0, 0
	for h, r := range c.old {
		total += r.n + 40
		if c.used[h] {
			used += r.n + 40
		}
	}
	for _, m := range []map[[32]byte]string{c.saved, c.added} {
		for _, enc := range m {
			used += len(enc) + 40
			total += len(enc) + 40
		}
	}
	prune := total > max(keepUnused, 2*used)
	if len(c.added) == 0 && !prune {
		return nil
	}
	if prune {
		for h := range c.old {
			if !c.used[h] {
				delete(c.old, h)
			}
		}
		total = used
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	if !prune && c.whole {
		// Only trees were added: at the end of the file, in one write.
		var b []byte
		for h, enc := range c.added {
			b = appendRecord(b, h, enc)
		}
		f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0)
		if err == nil {
			_, err = f.Write(b)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return err
		}
	} else {
		b := make([]byte, 0, len(nodeCacheMagic)+total+8*(len(c.old)+len(c.saved)+len(c.added)))
		b = append(b, nodeCacheMagic...)
		index := map[[32]byte]record{} // of the file written, as indexNodeCache would make it
		add := func(h [32]byte, enc string) {
			off := len(b)
			b = appendRecord(b, h, enc)
			index[h] = record{off: int64(off), k: len(b) - off - 32 - len(enc) - 4, n: len(enc)}
		}
		for h, r := range c.old {
			if enc, ok := readOld(c.file, h, r); ok {
				add(h, enc)
			}
		}
		for _, m := range []map[[32]byte]string{c.saved, c.added} {
			for h, enc := range m {
				add(h, enc)
			}
		}
		// The file is replaced: closed first (Windows renames no file
		// that is open), then opened again, as it now holds every tree
		// (where index says; a record that another process changed since
		// fails its check in readOld and is parsed again).
		c.closeFile()
		c.old = map[[32]byte]record{}
		clear(c.saved)
		clear(c.added)
		if err := writeAtomically(c.path, b); err != nil {
			return err
		}
		c.whole = true
		if f, err := os.Open(c.path); err == nil {
			c.file, c.old = f, index
		}
		return nil
	}
	// The file now holds these trees.
	for h, enc := range c.added {
		c.saved[h] = enc
	}
	clear(c.added)
	return nil
}

// cachedParse returns a new tree for src from the cache, or nil.
func cachedParse(src []byte) (*yaml.Node, [32]byte) {
	h := sha256.Sum256(src)
	c := &nodeCache
	c.mu.Lock()
	r, inFile := c.old[h]
	f := c.file
	var enc string
	ok := false
	if inFile {
		c.used[h] = true
	} else if enc, ok = c.added[h]; !ok {
		enc, ok = c.saved[h]
	}
	c.mu.Unlock()
	if inFile {
		enc, ok = readOld(f, h, r)
	}
	if !ok {
		return nil, h
	}
	n, err := decodeNode(enc)
	if err != nil {
		return nil, h // parsed again, and kept anew
	}
	c.hits.Add(1)
	return n, h
}

// keepParsed keeps the tree of src (hash h), just parsed, for the next
// build.
func keepParsed(h [32]byte, n *yaml.Node) {
	enc, ok := encodeNode(n)
	if !ok {
		return
	}
	c := &nodeCache
	c.mu.Lock()
	if c.added == nil { // released meanwhile
		c.mu.Unlock()
		return
	}
	if _, there := c.old[h]; there {
		c.used[h] = true
	} else if _, there := c.saved[h]; !there {
		c.added[h] = enc
	}
	c.mu.Unlock()
}

// The encoding of a tree: the number of its nodes (uvarint), then node by
// node in preorder: kind, style (bytes);
// line, column (uvarints); tag, value, anchor and the three comments
// (uvarint length, bytes); for an alias, the preorder index of its target
// (uvarint, plus one; 0 for none); the number of children (uvarint).

func encodeNode(root *yaml.Node) (string, bool) {
	var b []byte
	index := map[*yaml.Node]int{}
	ok := true
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if !ok || depth > maxNodeDepth || n.Kind > 255 || n.Style > 255 || n.Line < 0 || n.Column < 0 {
			ok = false
			return
		}
		index[n] = len(index)
		b = append(b, byte(n.Kind), byte(n.Style))
		b = binary.AppendUvarint(b, uint64(n.Line))
		b = binary.AppendUvarint(b, uint64(n.Column))
		for _, s := range []string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		alias := 0
		if n.Alias != nil {
			i, seen := index[n.Alias]
			if !seen {
				ok = false // a target after its alias: not kept
				return
			}
			alias = i + 1
		}
		b = binary.AppendUvarint(b, uint64(alias))
		b = binary.AppendUvarint(b, uint64(len(n.Content)))
		for _, ch := range n.Content {
			if ch == nil {
				ok = false
				return
			}
			walk(ch, depth+1)
		}
	}
	walk(root, 0)
	return string(binary.AppendUvarint(nil, uint64(len(index)))) + string(b), ok
}

// minNodeBytes is the least a node takes in the encoding.
const minNodeBytes = 12

var errBadNode = errors.New("corrupt tree in the cache of parsed YAML")

func decodeNode(enc string) (*yaml.Node, error) {
	d := nodeDecoder{s: enc}
	total := d.uvarint()
	if d.err != nil || total < 1 || total > uint64(len(enc)/minNodeBytes) {
		return nil, errBadNode
	}
	// Two allocations for the whole tree: its nodes, and their children.
	d.slab = make([]yaml.Node, total)
	d.kids = make([]*yaml.Node, total-1)
	n := d.node(0)
	if d.err == nil && (d.i != len(d.s) || len(d.slab) != 0 || len(d.kids) != 0) {
		d.err = errBadNode
	}
	if d.err != nil {
		return nil, d.err
	}
	return n, nil
}

type nodeDecoder struct {
	s     string
	i     int
	err   error
	nodes []*yaml.Node
	slab  []yaml.Node  // nodes not yet used
	kids  []*yaml.Node // children slots not yet used
}

func (d *nodeDecoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			d.err = errBadNode
			return 0
		}
		c := d.s[d.i]
		d.i++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	d.err = errBadNode
	return 0
}

// str returns the next string of the encoding, as a copy: a tree's strings
// outlive the cache (the rules keep their names and texts for the whole
// build), and slices of the encoding would keep all of the cache file's
// bytes alive with them (45–70 MB at national size), where copies keep only
// what is used. The usual tags are shared.
func (d *nodeDecoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)-d.i) {
		d.err = errBadNode
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	switch s {
	case "":
		return ""
	case "!!str":
		return "!!str"
	case "!!map":
		return "!!map"
	case "!!seq":
		return "!!seq"
	case "!!int":
		return "!!int"
	case "!!bool":
		return "!!bool"
	case "!!null":
		return "!!null"
	case "!!float":
		return "!!float"
	}
	return strings.Clone(s)
}

func (d *nodeDecoder) node(depth int) *yaml.Node {
	if d.err != nil || depth > maxNodeDepth || len(d.s)-d.i < 2 || len(d.slab) == 0 {
		d.err = errBadNode
		return nil
	}
	n := &d.slab[0]
	d.slab = d.slab[1:]
	n.Kind, n.Style = yaml.Kind(d.s[d.i]), yaml.Style(d.s[d.i+1])
	d.i += 2
	d.nodes = append(d.nodes, n)
	n.Line, n.Column = int(d.uvarint()), int(d.uvarint())
	n.Tag, n.Value, n.Anchor = d.str(), d.str(), d.str()
	n.HeadComment, n.LineComment, n.FootComment = d.str(), d.str(), d.str()
	if a := d.uvarint(); a > 0 {
		if a > uint64(len(d.nodes)-1) {
			d.err = errBadNode
			return nil
		}
		n.Alias = d.nodes[a-1]
	}
	k := d.uvarint()
	if d.err != nil || k > uint64(len(d.kids)) {
		d.err = errBadNode
		return nil
	}
	if k > 0 {
		n.Content = d.kids[:k:k]
		d.kids = d.kids[k:]
		for j := range n.Content {
			if n.Content[j] = d.node(depth + 1); d.err != nil {
				return nil
			}
		}
	}
	return n
}

// writeAtomically replaces the file at path by b: readers see the old file
// or the new one, never a part.
func writeAtomically(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".yamlnodes-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
