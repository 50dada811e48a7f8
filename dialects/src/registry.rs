//! The op registry: the Rust view of what `td/*.td` declares.
//!
//! The build script reads the TableGen records (`llvm-tblgen --dump-json`) and generates one
//! enum per dialect ([`TtirOp`], [`TtnnOp`]) plus a static [`OpInfo`] per op, and Rust mirrors
//! of the ttnn enums ([`DataType`], [`BufferType`], [`TensorLayout`], [`TensorMemoryLayout`]).
//! Code that needs per-op behaviour matches on the op enums without a catch-all arm, so a new
//! op in a `.td` file is a compile error wherever it is not handled yet.

/// How many values an operand (or result) group holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// Exactly one value.
    Single,
    /// Zero or one value.
    Optional,
    /// Any number of values.
    Variadic,
}

/// Whether an attribute must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    /// Must be present.
    Required,
    /// May be absent.
    Optional,
    /// May be absent, in which case `AttrInfo::default` applies.
    DefaultValued,
}

/// The storage of an attribute, as the ODS constraint names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    /// `BoolAttr`
    Bool,
    /// `I32Attr` / `SI32Attr`
    I32,
    /// `I64Attr` / `SI64Attr`
    I64,
    /// `F32Attr`
    F32,
    /// `F64Attr`
    F64,
    /// `StrAttr`
    String,
    /// `DenseI64ArrayAttr`
    DenseI64Array,
    /// `ElementsAttr` (dense elements of a tensor type)
    Elements,
    /// `AnyAttr` (checked by the semantic verifier)
    Any,
    /// `#ttnn.data_type<...>`
    DataType,
    /// `#ttnn.tensor_layout<...>`
    TensorLayout,
    /// `#ttnn.memory_config<...>`
    MemoryConfig,
    /// `#ttnn.math_fidelity<...>`
    MathFidelity,
    /// A flat symbol reference (`@name`)
    Symbol,
}

/// One operand or result group of an op.
#[derive(Debug)]
pub struct OperandInfo {
    /// The name in the `.td` (`lhs`, `bias`, ...).
    pub name: &'static str,
    /// How many values the group holds.
    pub kind: ArgKind,
}

/// One attribute of an op.
#[derive(Debug)]
pub struct AttrInfo {
    /// The attribute's name.
    pub name: &'static str,
    /// Whether it must be present.
    pub kind: AttrKind,
    /// Its storage type.
    pub ty: AttrType,
    /// The C++ default value of a default-valued attribute, as written in the `.td`.
    pub default: Option<&'static str>,
}

/// Everything the `.td` says about one op.
#[derive(Debug)]
pub struct OpInfo {
    /// Full name, `dialect.mnemonic`.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Longer description (may be empty).
    pub description: &'static str,
    /// Operand groups in order.
    pub operands: &'static [OperandInfo],
    /// Attributes in declaration order.
    pub attributes: &'static [AttrInfo],
    /// Result groups in order.
    pub results: &'static [OperandInfo],
    /// Named ODS traits (`Pure`, `Commutative`, ...).
    pub traits: &'static [&'static str],
    /// What the TTNN library requires of the op's tensors (empty for ttir ops).
    pub library: LibraryRequirements,
}

/// What the TTNN library requires of one operand group, as declared in the `.td`
/// (`TTNN_Operand`). `None` and empty lists mean "no requirement".
#[derive(Debug)]
pub struct OperandRequirement {
    /// The operand group's name.
    pub operand: &'static str,
    /// The page layout the library reads.
    pub layout: Option<TensorLayout>,
    /// Accepted data types, the preferred first.
    pub dtypes: &'static [DataType],
    /// Where the library reads it from (`system_memory` for host operands).
    pub buffer: Option<BufferType>,
}

/// The library's requirements on an op, applied by the `ttnn-workarounds` pass.
#[derive(Debug)]
pub struct LibraryRequirements {
    /// Data types the op computes in, the preferred first (empty: all).
    pub compute_dtypes: &'static [DataType],
    /// Per-operand requirements.
    pub operands: &'static [OperandRequirement],
    /// The page layout the library gives the result, if fixed.
    pub result_layout: Option<TensorLayout>,
    /// The data type the library gives each result, if fixed (empty: none fixed).
    pub result_dtypes: &'static [Option<DataType>],
    /// The result may be a view of operand 0's buffer.
    pub result_may_alias_input: bool,
}

impl LibraryRequirements {
    /// No requirements (every ttir op).
    pub const NONE: LibraryRequirements = LibraryRequirements {
        compute_dtypes: &[],
        operands: &[],
        result_layout: None,
        result_dtypes: &[],
        result_may_alias_input: false,
    };

    /// The requirement on the operand group `name`, if any.
    pub fn operand(&self, name: &str) -> Option<&'static OperandRequirement> {
        self.operands.iter().find(|r| r.operand == name)
    }
}

impl OpInfo {
    /// Whether the op is free of side effects, so cse and canonicalize may merge or drop it.
    pub fn is_pure(&self) -> bool {
        self.traits.contains(&"Pure")
    }

    /// The attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&'static AttrInfo> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Index of the operand group called `name`.
    pub fn operand_index(&self, name: &str) -> Option<usize> {
        self.operands.iter().position(|o| o.name == name)
    }
}

include!(concat!(env!("OUT_DIR"), "/ops.rs"));

/// An op of one of ttc's registered dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegisteredOp {
    /// A `ttir` op.
    Ttir(TtirOp),
    /// A `ttnn` op.
    Ttnn(TtnnOp),
}

impl RegisteredOp {
    /// Looks an op up by its full name.
    pub fn from_name(name: &str) -> Option<Self> {
        TtirOp::from_name(name)
            .map(RegisteredOp::Ttir)
            .or_else(|| TtnnOp::from_name(name).map(RegisteredOp::Ttnn))
    }

    /// The op's static description.
    pub fn info(self) -> &'static OpInfo {
        match self {
            RegisteredOp::Ttir(op) => op.info(),
            RegisteredOp::Ttnn(op) => op.info(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_round_trips_through_its_name() {
        for &op in TtirOp::ALL {
            assert_eq!(TtirOp::from_name(op.info().name), Some(op));
            assert!(op.info().name.starts_with("ttir."));
        }
        for &op in TtnnOp::ALL {
            assert_eq!(TtnnOp::from_name(op.info().name), Some(op));
        }
    }

    #[test]
    fn purity_follows_the_td_traits() {
        assert!(TtnnOp::Add.info().is_pure());
        assert!(!TtnnOp::Deallocate.info().is_pure());
        for &op in TtnnOp::ALL {
            assert_eq!(
                op.info().is_pure(),
                op != TtnnOp::Deallocate,
                "{} purity",
                op.info().name
            );
        }
        assert!(TtirOp::ALL.iter().all(|op| op.info().is_pure()));
    }

    #[test]
    fn optional_operands_and_attributes_are_described() {
        let linear = TtnnOp::Linear.info();
        assert_eq!(linear.operands[2].name, "bias");
        assert_eq!(linear.operands[2].kind, ArgKind::Optional);
        let t = linear.attribute("transpose_b").unwrap();
        assert_eq!(
            (t.kind, t.ty, t.default),
            (AttrKind::DefaultValued, AttrType::Bool, Some("false"))
        );
        assert_eq!(TtnnOp::Concat.info().operands[0].kind, ArgKind::Variadic);
    }

    #[test]
    fn enum_mirrors_match_the_ir_spelling() {
        for &dt in DataType::ALL {
            assert_eq!(DataType::parse(dt.as_str()), Some(dt));
        }
        assert_eq!(
            BufferType::parse("system_memory"),
            Some(BufferType::SystemMemory)
        );
        assert_eq!(TensorLayout::Tile.as_str(), "tile");
    }
}
