package site

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Output folders known by their status. Checking an earlier output against
// its record listed all of its folders (24,378 at national size): a quarter
// of a build with nothing changed. A folder's modification and change times
// move whenever an entry is added to it, removed from it or renamed in it,
// and its change time cannot be set by any program (os.Chtimes sets it to
// now). So the record may keep, for every folder of the output but the
// output folder itself, its inode number, modification time and change time
// (nanoseconds) as a check that found the output exactly as recorded saw
// them, with the moment that check began (DirsAt). The next check does not
// list a folder whose status is still the same: its entries are the files
// the record puts in it and the folders the record puts under it. It still
// takes the status of each of those files (an edit in place changes no
// folder), so a file edited, added or removed by hand is seen as before.
//
// As git does with its index, a folder whose modification or change time
// is not clearly before DirsAt is listed anyway ("racy": changed in the
// same tick of the file system's clock as the check looked at it, its
// times may not show the change); such folders become known once a later
// check records them again. The output folder itself is always listed (the
// record is written into it). Only Linux file systems known to keep these
// times (ext2/3/4, tmpfs, XFS, Btrfs, F2FS) are trusted; elsewhere every
// folder is listed, as before.
//
// How close is "racy" depends on the clock the times show. Times with a
// part below the second come from the kernel's clock, whose tick is a few
// milliseconds: folderFineWindow, tens of ticks. Times in whole
// seconds (ext2 and ext3 with small inodes) may lag a change by up to a
// second: folderRacyWindow, as for the inputs.
//
// The folders are recorded from a check that found nothing out of place:
// by a build with nothing changed when that spares enough listing (see
// refreshInputs), and by an incremental build, which keeps what the check
// before it saw (keptDirs). A full build records them once its files are
// written (statFolders): without them, the first check after it listed
// every folder.

// folderRacyWindow is how close to DirsAt a folder's times may be and its
// status still be trusted (tests shorten it); folderFineWindow, when its
// times are finer than a second.
var (
	folderRacyWindow = racyWindow
	folderFineWindow = 250 * time.Millisecond
)

// dirRec is a folder's status in the build record.
type dirRec struct {
	Ino          uint64
	MTime, CTime int64 // nanoseconds
}

// trusted reports whether a folder whose status is now st still holds what
// it held when a check that began at at (nanoseconds) recorded rec.
func (rec dirRec) trusted(st dirRec, at int64) bool {
	return at != 0 && st == rec && rec.settled(at)
}

// settled reports whether a folder of status st, looked at by a check that
// began at at, could be trusted by the next check if recorded now.
func (st dirRec) settled(at int64) bool {
	window := folderRacyWindow
	if st.MTime%1e9 != 0 && st.CTime%1e9 != 0 {
		window = min(window, folderFineWindow)
	}
	limit := at - int64(window)
	return st.Ino != 0 && st.MTime < limit && st.CTime < limit
}

// keptDirs returns the folders' status as the check of the output before
// an incremental build saw it (the check found the output as recorded, or
// the build would be full), for the record that build writes. A folder the
// build then changes (a file written, renamed or removed in it) has another
// status by the next check, and is listed; one it did not change holds the
// files it held, which the new record lists as the old one did.
func (m *manifest) keptDirs() (dirRecs, int64) {
	d := m.scanned.dirs()
	if d == nil {
		return nil, 0
	}
	return d, m.scanned.at
}

// dirRecs are the output's folders by slash path from the output folder.
type dirRecs map[string]dirRec

// dirNode is a folder of the record, for a check of the output.
type dirNode struct {
	rec  dirRec
	subs []string // names of the recorded folders in it
}

// indexDirs returns the recorded folders by path, each with its
// subfolders; "" is the output folder.
func indexDirs(d dirRecs) map[string]*dirNode {
	idx := make(map[string]*dirNode, len(d)+1)
	idx[""] = &dirNode{}
	for p, r := range d {
		n := idx[p]
		if n == nil {
			n = &dirNode{}
			idx[p] = n
		}
		n.rec = r
	}
	for p := range d {
		parent, name := "", p
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			parent, name = p[:i], p[i+1:]
		}
		n := idx[parent]
		if n == nil { // a folder under one not recorded: reached only by listing
			continue
		}
		n.subs = append(n.subs, name)
	}
	return idx
}

// folderScan is what a check of the output saw of its folders.
type folderScan struct {
	at    int64 // when it began (Unix nanoseconds)
	used  bool  // whether folder times are used (Linux, a known file system)
	found [][]foundDir
	// listed and trusted count the folders listed (the output folder
	// among them) and known by their status.
	listed  atomic.Int64
	trusted atomic.Int64
	// settled counts the folders listed whose status, recorded now, would
	// spare the next check listing them.
	settled atomic.Int64
}

// foundDir is a folder reached by a check, with its status.
type foundDir struct {
	rel    string
	st     dirRec
	listed bool // else known by its status
}

// dirs returns the status of every folder the check reached, or nil where
// folder times are not used.
func (s *folderScan) dirs() dirRecs {
	if s == nil || !s.used {
		return nil
	}
	n := 0
	for _, f := range s.found {
		n += len(f)
	}
	d := make(dirRecs, n)
	for _, f := range s.found {
		for _, e := range f {
			d[e.rel] = e.st
		}
	}
	return d
}

// worthRecording reports whether writing the folders' status into the
// record spares later checks enough listing to pay for the write (a whole
// record, 19 MB at national size): when at least 1/32 of the folders, and
// at least one, were listed but need not be next time.
func (s *folderScan) worthRecording() bool {
	if s == nil || !s.used {
		return false
	}
	n := s.settled.Load()
	return n > 0 && n >= (s.listed.Load()+s.trusted.Load())/32
}

// MarshalJSON writes {"path":[ino,mtime,ctime],…}, keys in order.
func (d dirRecs) MarshalJSON() ([]byte, error) {
	return appendSortedMap(make([]byte, 0, len(d)*64), d, nil, sameDirRec, appendDirRec, nil), nil
}

func appendDirRec(b []byte, k string, r dirRec) []byte {
	b = appendJSONString(b, k)
	b = append(b, ":["...)
	b = strconv.AppendUint(b, r.Ino, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.MTime, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.CTime, 10)
	return append(b, ']')
}

// UnmarshalJSON reads what MarshalJSON writes, else hands over to
// encoding/json. What neither reads gives no folders (every folder is then
// listed), not an unreadable record.
func (d *dirRecs) UnmarshalJSON(data []byte) error {
	if *d, _ = readDirRecs(data, false); *d != nil || string(data) == "null" {
		return nil
	}
	var plain map[string][3]int64
	if json.Unmarshal(data, &plain) == nil {
		*d = make(dirRecs, len(plain))
		for k, r := range plain {
			(*d)[k] = dirRec{Ino: uint64(r[0]), MTime: r[1], CTime: r[2]}
		}
	}
	return nil
}

// readDirRecs reads what MarshalJSON writes; with alias (data is the
// record's file), it also returns where each entry lies in data.
func readDirRecs(data []byte, alias bool) (dirRecs, *rawEntries[dirRec]) {
	m, raws, _ := readEntries(data, alias, bytes.Count(data, []byte(":[")), func(r *jsonReader) dirRec {
		var f dirRec
		r.lit("[")
		f.Ino = uint64(r.num())
		r.lit(",")
		f.MTime = r.num()
		r.lit(",")
		f.CTime = r.num()
		r.lit("]")
		return f
	})
	return m, raws
}
