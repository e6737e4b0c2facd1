//! The objects of a first commit's tree, written by hand as one git pack: every blob and tree is
//! hashed as git hashes it and stored once (the same contents twice are one object) in
//! `.git/objects/pack/pack-<checksum>.pack`, each as its type and size followed by a zlib stream
//! of stored (uncompressed) blocks, with no deltas; its `.idx` lists the ids in order with each
//! object's CRC-32 and offset. Any zlib reader, git's included, reads such a stream; writing it
//! costs a copy and a checksum, where deflating with libgit2 cost most of the time of `new`. One
//! pack is two files, where loose objects cost a folder and a file each. `git gc` compresses the
//! objects later, as it repacks them.

use git2::{ObjectType, Oid};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The mode of a tree entry, as git writes it.
const MODE_FILE: &str = "100644";
const MODE_EXECUTABLE: &str = "100755";
const MODE_TREE: &str = "40000";

/// The largest block of a stored deflate stream.
const MAX_STORED_BLOCK: usize = 0xFFFF;

/// The largest offset a version 2 index holds in its 31-bit table. Larger offsets need the index's
/// 64-bit table, which is never written: a project renders to at most 64 MiB, so its pack (the
/// contents plus a few bytes per object and block) stays far below 2 GiB. Past it, writing fails.
const MAX_SMALL_OFFSET: u64 = 0x7FFF_FFFF;

/// An object in the pack: its id, where its entry starts, and the CRC-32 of the entry's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedObject {
    id: Oid,
    offset: u32,
    crc: u32,
}

/// Collects the objects of one repository's first commit and writes them as one pack.
pub(super) struct PackWriter {
    pack_folder: PathBuf,
    /// The pack so far: its 12-byte header (the count filled in at the end) and the entries.
    pack: Vec<u8>,
    objects: Vec<PackedObject>,
    seen: HashSet<Oid>,
}

impl PackWriter {
    /// A writer for the repository whose git folder is `git_dir`.
    pub(super) fn new(git_dir: &Path) -> Self {
        let mut pack = Vec::with_capacity(64 * 1024);
        pack.extend_from_slice(b"PACK");
        pack.extend_from_slice(&2u32.to_be_bytes());
        pack.extend_from_slice(&0u32.to_be_bytes());
        PackWriter {
            pack_folder: git_dir.join("objects").join("pack"),
            pack,
            objects: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// Adds `data` as an object of `kind` and returns its id. The same contents twice are one
    /// object.
    pub(super) fn write(&mut self, kind: ObjectType, data: &[u8]) -> io::Result<Oid> {
        let id = object_id(kind, data)?;
        if !self.seen.insert(id) {
            return Ok(id);
        }
        let start = self.pack.len();
        let offset = u32::try_from(start)
            .ok()
            .filter(|&o| u64::from(o) <= MAX_SMALL_OFFSET)
            .ok_or_else(|| io::Error::other("the pack would pass 2 GiB"))?;
        push_entry_header(&mut self.pack, pack_type(kind), data.len());
        self.pack.extend_from_slice(&stored_zlib(&[data]));
        let crc = crc32(&self.pack[start..]);
        self.objects.push(PackedObject { id, offset, crc });
        Ok(id)
    }

    /// Writes the pack and its index, each under a temporary name first; the pack is renamed into
    /// place before the index, as git only sees a pack once its index is there.
    pub(super) fn finish(mut self) -> io::Result<()> {
        let count = u32::try_from(self.objects.len())
            .map_err(|_| io::Error::other("too many objects for one pack"))?;
        self.pack[8..12].copy_from_slice(&count.to_be_bytes());
        let checksum = sha1_smol::Sha1::from(&self.pack).digest().bytes();
        self.pack.extend_from_slice(&checksum);
        let index = pack_index(&mut self.objects, &checksum);
        let name = format!("pack-{}", hex(&checksum));
        let pid = std::process::id();
        let temp_pack = self.pack_folder.join(format!("tmp_pack_{pid}"));
        let temp_index = self.pack_folder.join(format!("tmp_idx_{pid}"));
        write_read_only(&temp_pack, &self.pack)?;
        write_read_only(&temp_index, &index)?;
        fs::rename(&temp_pack, self.pack_folder.join(format!("{name}.pack")))?;
        fs::rename(&temp_index, self.pack_folder.join(format!("{name}.idx")))
    }
}

/// The id git gives an object: the SHA-1 of its type, size and contents. Plain SHA-1 takes about
/// two thirds of the instructions of libgit2's collision-detecting one, and the contents here are
/// the plan's own, not bytes from elsewhere.
fn object_id(kind: ObjectType, data: &[u8]) -> io::Result<Oid> {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(format!("{} {}\0", kind.str(), data.len()).as_bytes());
    hasher.update(data);
    Oid::from_bytes(&hasher.digest().bytes()).map_err(io::Error::other)
}

/// The type number of `kind` in a pack entry's header.
fn pack_type(kind: ObjectType) -> u8 {
    match kind {
        ObjectType::Commit => 1,
        ObjectType::Tree => 2,
        ObjectType::Tag => 4,
        _ => 3,
    }
}

/// A pack entry's header: the type in bits 4-6 of the first byte with the size's low four bits,
/// then the rest of the size seven bits a byte, the top bit telling that another byte follows.
fn push_entry_header(out: &mut Vec<u8>, kind: u8, size: usize) {
    let mut size = size as u64;
    let mut byte = (kind << 4) | (size & 0x0F) as u8;
    size >>= 4;
    while size > 0 {
        out.push(byte | 0x80);
        byte = (size & 0x7F) as u8;
        size >>= 7;
    }
    out.push(byte);
}

/// A version 2 pack index of `objects` (sorted here by id): the magic and version, the fan-out
/// table (how many ids start with a byte at most i), the ids, their CRC-32s, their 31-bit offsets,
/// the pack's checksum and the index's own SHA-1.
fn pack_index(objects: &mut [PackedObject], pack_checksum: &[u8; 20]) -> Vec<u8> {
    objects.sort_by_key(|o| o.id);
    let mut out = Vec::with_capacity(8 + 256 * 4 + objects.len() * 28 + 40);
    out.extend_from_slice(b"\xfftOc");
    out.extend_from_slice(&2u32.to_be_bytes());
    let mut below = 0u32;
    for first in 0..=255u8 {
        while (below as usize) < objects.len() && objects[below as usize].id.as_bytes()[0] <= first
        {
            below += 1;
        }
        out.extend_from_slice(&below.to_be_bytes());
    }
    for object in &*objects {
        out.extend_from_slice(object.id.as_bytes());
    }
    for object in &*objects {
        out.extend_from_slice(&object.crc.to_be_bytes());
    }
    for object in &*objects {
        out.extend_from_slice(&object.offset.to_be_bytes());
    }
    out.extend_from_slice(pack_checksum);
    let own = sha1_smol::Sha1::from(&out).digest().bytes();
    out.extend_from_slice(&own);
    out
}

/// Writes `bytes` to a new file at `path`, read-only as git makes its packs.
fn write_read_only(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o444);
    }
    options.open(path)?.write_all(bytes)
}

/// The hexadecimal form of a 20-byte checksum, as git names packs by it.
fn hex(checksum: &[u8]) -> String {
    Oid::from_bytes(checksum).map_or_else(|_| String::new(), |id| id.to_string())
}

/// The CRC-32 (IEEE 802.3, as zlib computes it) of `bytes`, eight bytes a step ("slicing by
/// eight"): a quarter of the instructions of a byte at a time, over every byte of the pack.
fn crc32(bytes: &[u8]) -> u32 {
    let table = &CRC_TABLES;
    let mut crc = !0u32;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let low = u32::from_le_bytes([word[0], word[1], word[2], word[3]]) ^ crc;
        let high = u32::from_le_bytes([word[4], word[5], word[6], word[7]]);
        crc = table[7][(low & 0xFF) as usize]
            ^ table[6][((low >> 8) & 0xFF) as usize]
            ^ table[5][((low >> 16) & 0xFF) as usize]
            ^ table[4][(low >> 24) as usize]
            ^ table[3][(high & 0xFF) as usize]
            ^ table[2][((high >> 8) & 0xFF) as usize]
            ^ table[1][((high >> 16) & 0xFF) as usize]
            ^ table[0][(high >> 24) as usize];
    }
    for &byte in words.remainder() {
        crc = table[0][((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `CRC_TABLES[0]` is the CRC-32 of every byte value for the reflected polynomial 0xEDB88320;
/// `CRC_TABLES[k]` the same byte followed by k zero bytes.
const CRC_TABLES: [[u32; 256]; 8] = {
    let mut tables = [[0u32; 256]; 8];
    let mut i = 0u32;
    while i < 256 {
        let mut crc = i;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        tables[0][i as usize] = crc;
        i += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let previous = tables[k - 1][i];
            tables[k][i] = (previous >> 8) ^ tables[0][(previous & 0xFF) as usize];
            i += 1;
        }
        k += 1;
    }
    tables
};

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
    pub(super) fn write(&self, writer: &mut PackWriter) -> io::Result<Oid> {
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
    fn object_ids_are_the_ids_libgit2_gives() {
        for (kind, data) in [
            (ObjectType::Blob, &b""[..]),
            (ObjectType::Blob, &b"hello\n"[..]),
            (ObjectType::Tree, &b"100644 a\0aaaaaaaaaaaaaaaaaaaa"[..]),
        ] {
            assert_eq!(
                object_id(kind, data).unwrap(),
                Oid::hash_object(kind, data).unwrap()
            );
        }
    }

    #[test]
    fn crc32_matches_known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
        // Every length and alignment against the CRC computed a bit at a time.
        let bitwise = |bytes: &[u8]| {
            let mut crc = !0u32;
            for &byte in bytes {
                crc ^= u32::from(byte);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        };
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 97 % 251) as u8).collect();
        for start in 0..9 {
            for end in start..bytes.len() {
                assert_eq!(crc32(&bytes[start..end]), bitwise(&bytes[start..end]));
            }
        }
    }

    #[test]
    fn entry_headers_carry_type_and_size_seven_bits_a_byte() {
        for (size, expected) in [
            (0, vec![0x30]),
            (15, vec![0x3F]),
            (16, vec![0xB0, 0x01]),
            (2047, vec![0xBF, 0x7F]),
            (2048, vec![0xB0, 0x80, 0x01]),
        ] {
            let mut out = Vec::new();
            push_entry_header(&mut out, 3, size);
            assert_eq!(out, expected, "size {size}");
        }
    }

    fn be32(bytes: &[u8], at: usize) -> u32 {
        u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    /// Reads a written pack and its index back field by field.
    #[test]
    fn a_tiny_pack_and_its_index_read_back_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let git_dir = dir.path();
        fs::create_dir_all(git_dir.join("objects/pack")).unwrap();
        let mut writer = PackWriter::new(git_dir);
        let contents: [&[u8]; 4] = [b"one\n", b"two\n", b"", b"one\n"];
        let ids: Vec<Oid> = contents
            .iter()
            .map(|c| writer.write(ObjectType::Blob, c).unwrap())
            .collect();
        assert_eq!(ids[0], ids[3], "the same contents are one object");
        writer.finish().unwrap();

        let names: Vec<String> = fs::read_dir(git_dir.join("objects/pack"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let pack_name = names
            .iter()
            .find(|n| n.starts_with("pack-") && n.contains(".pack"))
            .unwrap();
        let pack = fs::read(git_dir.join("objects/pack").join(pack_name)).unwrap();
        let index = fs::read(
            git_dir
                .join("objects/pack")
                .join(pack_name.replace(".pack", ".idx")),
        )
        .unwrap();

        assert_eq!(&pack[..4], b"PACK");
        assert_eq!(be32(&pack, 4), 2);
        assert_eq!(be32(&pack, 8), 3);
        let (body, trailer) = pack.split_at(pack.len() - 20);
        assert_eq!(trailer, sha1_smol::Sha1::from(body).digest().bytes());
        assert_eq!(*pack_name, format!("pack-{}.pack", hex(trailer)));

        assert_eq!(&index[..8], b"\xfftOc\0\0\0\x02");
        let mut sorted = [ids[0], ids[1], ids[2]];
        sorted.sort();
        for first in 0..=255usize {
            let expected = sorted
                .iter()
                .filter(|id| usize::from(id.as_bytes()[0]) <= first)
                .count();
            assert_eq!(
                be32(&index, 8 + first * 4) as usize,
                expected,
                "fan-out {first}"
            );
        }
        let ids_at = 8 + 256 * 4;
        let crcs_at = ids_at + 3 * 20;
        let offsets_at = crcs_at + 3 * 4;
        let mut offsets = Vec::new();
        for (i, id) in sorted.iter().enumerate() {
            assert_eq!(&index[ids_at + i * 20..ids_at + i * 20 + 20], id.as_bytes());
            offsets.push((be32(&index, offsets_at + i * 4) as usize, i));
        }
        // Each entry runs from its offset to the next entry's (or the trailer): its CRC covers
        // those bytes, and it holds the contents of the id it is listed under.
        offsets.sort_unstable();
        assert_eq!(offsets[0].0, 12);
        for (n, &(start, i)) in offsets.iter().enumerate() {
            let end = offsets.get(n + 1).map_or(body.len(), |next| next.0);
            let entry = &body[start..end];
            assert_eq!(be32(&index, crcs_at + i * 4), crc32(entry));
            let size = usize::from(entry[0] & 0x0F);
            assert_eq!(entry[0] >> 4 & 0x07, 3, "a blob");
            let data = unstore(&entry[1..]);
            assert_eq!(data.len(), size);
            assert_eq!(
                Oid::hash_object(ObjectType::Blob, &data).unwrap(),
                sorted[i]
            );
        }
        let checksums_at = offsets_at + 3 * 4;
        assert_eq!(&index[checksums_at..checksums_at + 20], trailer);
        assert_eq!(
            &index[checksums_at + 20..],
            sha1_smol::Sha1::from(&index[..checksums_at + 20])
                .digest()
                .bytes()
        );
    }

    #[test]
    fn trees_sort_folders_as_git_does_and_git_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let mut writer = PackWriter::new(repo.path());
        let blob = writer.write(ObjectType::Blob, b"x").unwrap();
        assert_eq!(writer.write(ObjectType::Blob, b"x").unwrap(), blob);
        let mut tree = TreeBuilder::default();
        for path in ["a.txt", "a/b", "a-b"] {
            tree.add(path, blob, false).unwrap();
        }
        assert!(tree.add("a.txt/c", blob, false).is_err());
        let id = tree.write(&mut writer).unwrap();
        writer.finish().unwrap();
        let tree = repo.find_tree(id).unwrap();
        let names: Vec<_> = tree.iter().map(|e| e.name().unwrap().to_string()).collect();
        // By bytes, '-' (0x2d) < '.' (0x2e) < '/' (0x2f), and a folder sorts as "a/".
        assert_eq!(names, ["a-b", "a.txt", "a"]);
        assert_eq!(repo.find_blob(blob).unwrap().content(), b"x");
    }
}
