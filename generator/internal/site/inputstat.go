package site

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strconv"
	"time"
)

// Inputs known by their file status. Hashing every input (19,174 files at
// national size) was a quarter of a build with nothing changed. As git does
// with its index, the build record keeps, for every input file, its hash,
// the dates written in it and its status when it was read (size,
// modification time, and on Linux its inode and change time); the next
// build reads again only the files whose status differs. A file whose
// modification or change time is not clearly before the moment the last
// build looked at it ("racy" in git's terms: edited in the same tick of a
// coarse clock, its status may not show the edit) is read again anyway, and
// so is every file of a file system that gives no modification time.

// racyWindow is how close to the record's time a file's times may be and
// its status still be trusted: wider than the coarsest common file system
// clock (FAT's two seconds).
const racyWindow = 3 * time.Second

// inputRec is one input file in the build record.
type inputRec struct {
	Hash  string   // hex SHA-256 of the bytes
	Size  int64    // status when read
	MTime int64    // nanoseconds
	Ino   uint64   // 0 where not known
	CTime int64    // nanoseconds; 0 where not known
	Dates []string // the dates written in the file (datesIn)
}

// fileStat is the part of a file's status an inputRec keeps.
type fileStat struct {
	size, mtime int64
	ino         uint64
	ctime       int64
}

func statOf(info fs.FileInfo) fileStat {
	st := fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if info.ModTime().IsZero() {
		st.mtime = 0
	}
	st.ino, st.ctime = inodeCTime(info)
	return st
}

// trusted reports whether a file whose status is now st still holds the
// bytes of rec, recorded by a build that looked at the files at time at
// (nanoseconds): its status is the same and was not racy then.
func (rec *inputRec) trusted(st fileStat, at int64) bool {
	limit := at - int64(racyWindow)
	return rec.Hash != "" && st.mtime != 0 && at != 0 &&
		st.size == rec.Size && st.mtime == rec.MTime && st.ino == rec.Ino && st.ctime == rec.CTime &&
		st.mtime < limit && st.ctime < limit
}

// inputRecs are the input files of the build record, by slash path from
// the project root.
type inputRecs map[string]inputRec

// MarshalJSON writes the files as encoding/json would write them with
// short keys: {"path":{"h":…,"s":…,"t":…,"i":…,"c":…,"d":[…]},…}, keys in order.
func (in inputRecs) MarshalJSON() ([]byte, error) {
	return appendSortedMap(make([]byte, 0, len(in)*150), in, nil, sameInput, appendInputRec, nil), nil
}

func appendInputRec(b []byte, k string, r inputRec) []byte {
	b = appendJSONString(b, k)
	b = append(b, `:{"h":`...)
	b = appendJSONString(b, r.Hash)
	b = append(b, `,"s":`...)
	b = strconv.AppendInt(b, r.Size, 10)
	b = append(b, `,"t":`...)
	b = strconv.AppendInt(b, r.MTime, 10)
	b = append(b, `,"i":`...)
	b = strconv.AppendUint(b, r.Ino, 10)
	b = append(b, `,"c":`...)
	b = strconv.AppendInt(b, r.CTime, 10)
	if len(r.Dates) > 0 {
		b = append(b, `,"d":`...)
		b = appendStrings(b, r.Dates)
	}
	return append(b, '}')
}

// UnmarshalJSON reads what MarshalJSON writes, else hands over to
// encoding/json. What neither reads gives no files (every input is then
// read again), not an unreadable record.
func (in *inputRecs) UnmarshalJSON(d []byte) error {
	if *in, _ = readInputRecs(d, false); *in != nil || string(d) == "null" {
		return nil
	}
	var plain map[string]struct {
		H string   `json:"h"`
		S int64    `json:"s"`
		T int64    `json:"t"`
		I uint64   `json:"i"`
		C int64    `json:"c"`
		D []string `json:"d"`
	}
	if json.Unmarshal(d, &plain) == nil {
		*in = make(inputRecs, len(plain))
		for k, r := range plain {
			(*in)[k] = inputRec{Hash: r.H, Size: r.S, MTime: r.T, Ino: r.I, CTime: r.C, Dates: r.D}
		}
	}
	return nil
}

// readInputRecs reads what MarshalJSON writes; with alias (d is the
// record's file), it also returns where each entry lies in d.
func readInputRecs(d []byte, alias bool) (inputRecs, *rawEntries[inputRec]) {
	m, raws, _ := readEntries(d, alias, bytes.Count(d, []byte(`{"h":`)), func(r *jsonReader) inputRec {
		var f inputRec
		r.lit(`{"h":`)
		f.Hash = r.str()
		r.lit(`,"s":`)
		f.Size = r.num()
		r.lit(`,"t":`)
		f.MTime = r.num()
		r.lit(`,"i":`)
		f.Ino = uint64(r.num())
		r.lit(`,"c":`)
		f.CTime = r.num()
		if r.peek(`,"d":[`) {
			for r.ok && !r.peek("]") {
				if len(f.Dates) > 0 {
					r.lit(",")
				}
				f.Dates = append(f.Dates, r.str())
			}
		}
		r.lit("}")
		return f
	})
	return m, raws
}

// refreshInputs rewrites the record of a build with nothing changed when it
// had to read many input files again (the first build by a Tebiki that
// keeps their status, a fresh checkout, files touched by a tool), so that
// the next build knows them by their status, or when the check of the
// output listed many folders that the next check need not list (see
// outdirs.go: the first build with nothing changed after one that wrote
// anything). Files it reads again every time, because they were edited just
// before the record was made, are few: they do not make it rewrite the
// record. A record that cannot be written is left as it was: the next build
// reads those files, and lists those folders, again.
func (r *reuse) refreshInputs(out string) {
	if r.in == nil || r.old == nil {
		return
	}
	inputs := r.in.read > 0 && r.in.read >= len(r.in.files)/8
	dirs := r.old.scanned.worthRecording()
	if !inputs && !dirs {
		return
	}
	m := *r.old
	m.InputFiles, m.InputsAt = r.in.files, r.in.at
	// The folders as this build's check saw them: it found the output as
	// recorded (else the build would not be a no-op).
	m.Dirs, m.DirsAt = r.old.keptDirs()
	writeManifest(out, &m)
}
