//! The objects of a first commit's tree, written as git's loose objects by hand: each blob and
//! tree is hashed as git hashes it and stored in `.git/objects/xx/…` as a zlib stream of stored
//! (uncompressed) blocks. Any zlib reader, git's included, reads such a stream; writing it costs a
//! copy and a checksum, where deflating with libgit2 cost most of the time of `new` (a compressor
//! set up and torn down for every object of a few kilobytes). `git gc` compresses the objects
//! later, as it packs them.

use git2::{ObjectType, Oid};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The mode of a tree entry, as git writes it.
const MODE_FILE: &str = "100644";
const MODE_EXECUTABLE: &str = "100755";
const MODE_TREE: &str = "40000";

/// The largest block of a stored deflate stream.
const MAX_STORED_BLOCK: usize = 0xFFFF;

/// Writes loose objects into one repository's object folder.
pub(super) struct ObjectWriter {
    objects: PathBuf,
}

impl ObjectWriter {
    /// A writer for the repository whose git folder is `git_dir`.
    pub(super) fn new(git_dir: &Path) -> Self {
        ObjectWriter {
            objects: git_dir.join("objects"),
        }
    }

    /// Writes `data` as an object of `kind` and returns its id. An object that is already there
    /// (the same contents twice) is left as it is.
    pub(super) fn write(&self, kind: ObjectType, data: &[u8]) -> io::Result<Oid> {
        let id = Oid::hash_object(kind, data).map_err(io::Error::other)?;
        let hex = id.to_string();
        let folder = self.objects.join(&hex[..2]);
        match fs::create_dir(&folder) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        let header = format!("{} {}\0", kind.str(), data.len());
        let stream = stored_zlib(&[header.as_bytes(), data]);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Objects are read-only, as git makes them.
            options.mode(0o444);
        }
        match options.open(folder.join(&hex[2..])) {
            Ok(mut file) => file.write_all(&stream)?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        Ok(id)
    }
}

/// A zlib stream (RFC 1950) of the concatenated `parts` in stored deflate blocks (RFC 1951, block
/// type 0): a two-byte header, each block's flag and length, the bytes, and the Adler-32 checksum.
pub(super) fn stored_zlib(parts: &[&[u8]]) -> Vec<u8> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let blocks = total.div_ceil(MAX_STORED_BLOCK).max(1);
    let mut out = Vec::with_capacity(2 + blocks * 5 + total + 4);
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: no dictionary, and the header check.
    out.extend_from_slice(&[0x78, 0x01]);
    if total == 0 {
        out.extend_from_slice(&[1, 0x00, 0x00, 0xFF, 0xFF]);
    }
    let mut checksum = Adler32::default();
    let mut left = total;
    let mut left_in_block = 0;
    for part in parts {
        checksum.update(part);
        let mut part = *part;
        while !part.is_empty() {
            if left_in_block == 0 {
                left_in_block = left.min(MAX_STORED_BLOCK);
                left -= left_in_block;
                let len = u16::try_from(left_in_block).expect("a stored block holds 65535 bytes");
                out.push(u8::from(left == 0));
                out.extend_from_slice(&len.to_le_bytes());
                out.extend_from_slice(&(!len).to_le_bytes());
            }
            let take = part.len().min(left_in_block);
            out.extend_from_slice(&part[..take]);
            left_in_block -= take;
            part = &part[take..];
        }
    }
    out.extend_from_slice(&checksum.value().to_be_bytes());
    out
}

/// The Adler-32 checksum zlib ends a stream with.
struct Adler32 {
    a: u32,
    b: u32,
}

impl Default for Adler32 {
    fn default() -> Self {
        Adler32 { a: 1, b: 0 }
    }
}

impl Adler32 {
    const MODULUS: u32 = 65_521;
    /// The most bytes summed before `b` could overflow 32 bits (zlib's NMAX).
    const RUN: usize = 5552;

    fn update(&mut self, bytes: &[u8]) {
        for run in bytes.chunks(Self::RUN) {
            for &byte in run {
                self.a += u32::from(byte);
                self.b += self.a;
            }
            self.a %= Self::MODULUS;
            self.b %= Self::MODULUS;
        }
    }

    fn value(&self) -> u32 {
        (self.b << 16) | self.a
    }
}

/// A folder of the tree being built: its entries by name.
#[derive(Default)]
pub(super) struct TreeBuilder {
    entries: BTreeMap<String, Node>,
}

enum Node {
    Blob { id: Oid, executable: bool },
    Tree(TreeBuilder),
}

impl TreeBuilder {
    /// Adds the blob `id` at `path` (`/`-separated). Fails when the path runs through a file or
    /// names a folder, which a plan never does.
    pub(super) fn add(&mut self, path: &str, id: Oid, executable: bool) -> Result<(), String> {
        let (folder, name) = match path.split_once('/') {
            Some((folder, rest)) => (Some(folder), rest),
            None => (None, path),
        };
        match folder {
            None => match self
                .entries
                .insert(name.to_string(), Node::Blob { id, executable })
            {
                None => Ok(()),
                Some(_) => Err(format!("{path} is planned twice")),
            },
            Some(folder) => match self
                .entries
                .entry(folder.to_string())
                .or_insert_with(|| Node::Tree(TreeBuilder::default()))
            {
                Node::Tree(tree) => tree.add(name, id, executable),
                Node::Blob { .. } => Err(format!("{folder} is both a file and a folder")),
            },
        }
    }

    /// Writes this tree and every tree below it, and returns this tree's id.
    pub(super) fn write(&self, writer: &ObjectWriter) -> io::Result<Oid> {
        let mut entries: Vec<(Vec<u8>, &str, Oid, &str)> = Vec::with_capacity(self.entries.len());
        for (name, node) in &self.entries {
            let (mode, id, sort_key) = match node {
                Node::Blob { id, executable } => {
                    let mode = if *executable {
                        MODE_EXECUTABLE
                    } else {
                        MODE_FILE
                    };
                    (mode, *id, name.as_bytes().to_vec())
                }
                // git orders a folder as if its name ended in `/`.
                Node::Tree(tree) => (MODE_TREE, tree.write(writer)?, format!("{name}/").into()),
            };
            entries.push((sort_key, mode, id, name));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut data = Vec::new();
        for (_, mode, id, name) in entries {
            data.extend_from_slice(mode.as_bytes());
            data.push(b' ');
            data.extend_from_slice(name.as_bytes());
            data.push(0);
            data.extend_from_slice(id.as_bytes());
        }
        writer.write(ObjectType::Tree, &data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inflates a stored-block stream by reading its blocks, checking every field on the way.
    fn unstore(stream: &[u8]) -> Vec<u8> {
        assert_eq!(&stream[..2], &[0x78, 0x01]);
        assert_eq!(
            u16::from_be_bytes([0x78, 0x01]) % 31,
            0,
            "zlib header check"
        );
        let mut out = Vec::new();
        let mut at = 2;
        loop {
            let last = stream[at] == 1;
            let len = usize::from(u16::from_le_bytes([stream[at + 1], stream[at + 2]]));
            let nlen = u16::from_le_bytes([stream[at + 3], stream[at + 4]]);
            assert_eq!(!nlen as usize, len);
            out.extend_from_slice(&stream[at + 5..at + 5 + len]);
            at += 5 + len;
            if last {
                break;
            }
        }
        let mut adler = Adler32::default();
        adler.update(&out);
        assert_eq!(&stream[at..], &adler.value().to_be_bytes());
        out
    }

    #[test]
    fn adler32_matches_known_values() {
        let mut adler = Adler32::default();
        adler.update(b"Wikipedia");
        assert_eq!(adler.value(), 0x11E6_0398);
        let mut long = Adler32::default();
        long.update(&vec![0xFF; 100_000]);
        let mut naive = (1u32, 0u32);
        for _ in 0..100_000 {
            naive.0 = (naive.0 + 0xFF) % 65_521;
            naive.1 = (naive.1 + naive.0) % 65_521;
        }
        assert_eq!(long.value(), (naive.1 << 16) | naive.0);
    }

    #[test]
    fn stored_streams_round_trip_across_block_and_part_boundaries() {
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for parts in [
            vec![&b""[..]],
            vec![&b"blob 0\0"[..], &b""[..]],
            vec![&b"blob 3\0"[..], &b"abc"[..]],
            vec![&big[..70_000], &big[70_000..]],
            vec![&big[..MAX_STORED_BLOCK], &big[..1]],
        ] {
            let stream = stored_zlib(&parts);
            assert_eq!(unstore(&stream), parts.concat());
        }
    }

    #[test]
    fn trees_sort_folders_as_git_does_and_git_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let writer = ObjectWriter::new(repo.path());
        let blob = writer.write(ObjectType::Blob, b"x").unwrap();
        assert_eq!(writer.write(ObjectType::Blob, b"x").unwrap(), blob);
        let mut tree = TreeBuilder::default();
        for path in ["a.txt", "a/b", "a-b"] {
            tree.add(path, blob, false).unwrap();
        }
        assert!(tree.add("a.txt/c", blob, false).is_err());
        let id = tree.write(&writer).unwrap();
        let tree = repo.find_tree(id).unwrap();
        let names: Vec<_> = tree.iter().map(|e| e.name().unwrap().to_string()).collect();
        // By bytes, '-' (0x2d) < '.' (0x2e) < '/' (0x2f), and a folder sorts as "a/".
        assert_eq!(names, ["a-b", "a.txt", "a"]);
        assert_eq!(repo.find_blob(blob).unwrap().content(), b"x");
    }
}
