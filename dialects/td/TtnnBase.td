//===- TtnnBase.td - the ttnn dialect, its types and attributes -*- tablegen -*-===//
//
// ttnn mirrors the TTNN op library of Tenstorrent's tt-metal one to one: one op per library
// function, operands in the library's order. Where a tensor lives and how it is laid out is part
// of its type: the `#ttnn.layout` encoding of a `tensor<...>` says tile or row-major, the data
// type, the buffer (host, DRAM or L1), the memory layout and the core grid. Passes change
// layouts by rewriting types.
//
//===----------------------------------------------------------------------===//

#ifndef TTC_TTNN_BASE
#define TTC_TTNN_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def TTNN_Dialect : Dialect {
  let name = "ttnn";
  let cppNamespace = "::ttc::ttnn";
  let summary = "Operations of the TTNN library for Tenstorrent Wormhole";
  let description = [{
    Ops take and return tensors whose type carries a `#ttnn.layout` encoding; an op's output
    data type and memory configuration are read from its result type. All ops but
    `ttnn.deallocate` are `Pure`.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def TTNN_TensorLayout : I32EnumAttr<"TensorLayout", "how a tensor's pages are formed", [
    I32EnumAttrCase<"RowMajor", 0, "row_major">,
    I32EnumAttrCase<"Tile", 1, "tile">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ttc::ttnn";
}

def TTNN_DataType : I32EnumAttr<"DataType", "storage data type of a tensor", [
    I32EnumAttrCase<"Float32", 0, "f32">,
    I32EnumAttrCase<"BFloat16", 1, "bf16">,
    I32EnumAttrCase<"BFP8B", 2, "bfp8_b">,
    I32EnumAttrCase<"BFP4B", 3, "bfp4_b">,
    I32EnumAttrCase<"UInt32", 4, "u32">,
    I32EnumAttrCase<"UInt16", 5, "u16">,
    I32EnumAttrCase<"UInt8", 6, "u8">,
    I32EnumAttrCase<"Int32", 7, "si32">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ttc::ttnn";
}

def TTNN_BufferType : I32EnumAttr<"BufferType", "where a tensor's buffer lives", [
    I32EnumAttrCase<"SystemMemory", 0, "system_memory">,
    I32EnumAttrCase<"DRAM", 1, "dram">,
    I32EnumAttrCase<"L1", 2, "l1">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ttc::ttnn";
}

def TTNN_TensorMemoryLayout : I32EnumAttr<"TensorMemoryLayout",
    "how a device tensor's pages are spread over banks or cores", [
    I32EnumAttrCase<"Interleaved", 0, "interleaved">,
    I32EnumAttrCase<"HeightSharded", 1, "height_sharded">,
    I32EnumAttrCase<"WidthSharded", 2, "width_sharded">,
    I32EnumAttrCase<"BlockSharded", 3, "block_sharded">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ttc::ttnn";
}

def TTNN_MathFidelity : I32EnumAttr<"MathFidelity",
    "matrix-engine passes per multiply (more passes keep more mantissa bits)", [
    I32EnumAttrCase<"LoFi", 0, "lofi">,
    I32EnumAttrCase<"HiFi2", 1, "hifi2">,
    I32EnumAttrCase<"HiFi3", 2, "hifi3">,
    I32EnumAttrCase<"HiFi4", 3, "hifi4">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ttc::ttnn";
}

def TTNN_MathFidelityAttr : EnumAttr<TTNN_Dialect, TTNN_MathFidelity, "math_fidelity"> {
  let assemblyFormat = "`<` $value `>`";
}

def TTNN_TensorLayoutAttr : EnumAttr<TTNN_Dialect, TTNN_TensorLayout, "tensor_layout"> {
  let assemblyFormat = "`<` $value `>`";
}
def TTNN_DataTypeAttr : EnumAttr<TTNN_Dialect, TTNN_DataType, "data_type"> {
  let assemblyFormat = "`<` $value `>`";
}
def TTNN_BufferTypeAttr : EnumAttr<TTNN_Dialect, TTNN_BufferType, "buffer_type"> {
  let assemblyFormat = "`<` $value `>`";
}
def TTNN_TensorMemoryLayoutAttr
    : EnumAttr<TTNN_Dialect, TTNN_TensorMemoryLayout, "tensor_memory_layout"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

// An enum parameter that may be left out of the printed attribute.
class TTNN_OptionalEnumParameter<EnumInfo info>
    : OptionalParameter<"::std::optional<" # info.cppNamespace # "::" # info.className # ">"> {
  let parser = "[&]() -> ::mlir::FailureOr<::std::optional<" # info.cppNamespace # "::" #
      info.className # ">> { auto v = ::mlir::FieldParser<" # info.cppNamespace # "::" #
      info.className # ">::parse($_parser); if (::mlir::failed(v)) return ::mlir::failure(); " #
      "return ::std::optional(*v); }()";
  let printer = "$_printer << " # info.cppNamespace # "::" # info.symbolToStringFnName #
      "(*$_self)";
}

def TTNN_LayoutAttr : AttrDef<TTNN_Dialect, "Layout"> {
  let mnemonic = "layout";
  let summary = "Tensor encoding: page layout, data type, buffer, memory layout and grid";
  let description = [{
    The encoding of every ttnn tensor type:
    `#ttnn.layout<tile, bf16, dram, interleaved, grid = [8, 8]>` for a tiled bf16 tensor
    interleaved over the DRAM banks and worked on by an 8x8 core grid, or
    `#ttnn.layout<row_major, f32, system_memory>` for a host tensor. Device buffers carry a
    memory layout and a grid; host buffers carry neither. Block-float types (`bfp8_b`,
    `bfp4_b`) exist only in tile layout.

    The tensor's shape is its logical shape. A tiled tensor occupies whole 32x32 tiles: its
    last two dimensions are padded up to multiples of 32 (a rank-1 tensor is one row of
    tiles, a rank-0 tensor one tile). The padding is not data: `to_layout` fills it with
    zeros, after any other op it is undefined, and every op reads only logical elements
    (reductions, softmax and normalisations mask it; matmul treats the padded part of the
    inner dimension as zeros). `ttc::Layout::physical_shape` gives the padded shape.
  }];
  let parameters = (ins EnumParameter<TTNN_TensorLayout>:$layout,
                        EnumParameter<TTNN_DataType>:$dtype,
                        EnumParameter<TTNN_BufferType>:$buffer,
                        TTNN_OptionalEnumParameter<TTNN_TensorMemoryLayout>:$memoryLayout,
                        OptionalArrayRefParameter<"int64_t">:$grid);
  let assemblyFormat = [{
    `<` $layout `,` $dtype `,` $buffer (`,` $memoryLayout^ `,` `grid` `=` `[` $grid `]`)? `>`
  }];
  let genMnemonicAlias = 1;
}

def TTNN_MemoryConfigAttr : AttrDef<TTNN_Dialect, "MemoryConfig"> {
  let mnemonic = "memory_config";
  let summary = "Where a device tensor is placed: buffer type and memory layout";
  let parameters = (ins EnumParameter<TTNN_BufferType>:$buffer,
                        EnumParameter<TTNN_TensorMemoryLayout>:$memoryLayout);
  let assemblyFormat = "`<` $buffer `,` $memoryLayout `>`";
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def TTNN_DeviceType : TypeDef<TTNN_Dialect, "Device"> {
  let mnemonic = "device";
  let summary = "A handle to the device that ops run on";
}

//===----------------------------------------------------------------------===//
// What the TTNN library requires of an op's tensors
//===----------------------------------------------------------------------===//
//
// These records are data for ttc, not for MLIR: the build script reads them into each op's
// `OpInfo::library`, and the `ttnn-workarounds` pass applies them generically, inserting
// `ttnn.convert_layout` where an operand or result does not meet them. Page layouts are
// "tile" or "row_major", data types and buffers are spelled as in `#ttnn.layout`; an empty
// value means "no requirement".

// A requirement on one operand group (by its name in `arguments`).
class TTNN_Operand<string name, string pageLayout = "", list<string> types = [],
                   string from = ""> {
  string operand = name;
  string layout = pageLayout;
  // Accepted data types, the preferred one first.
  list<string> dtypes = types;
  // "system_memory" when the library reads the operand from host memory.
  string buffer = from;
}

defvar TTNN_FloatTypes = ["bf16", "f32", "bfp8_b", "bfp4_b"];
defvar TTNN_FloatIntTypes = ["bf16", "f32", "bfp8_b", "bfp4_b", "si32", "u32"];
defvar TTNN_FloatSi32Types = ["bf16", "f32", "bfp8_b", "bfp4_b", "si32"];
defvar TTNN_IntTypes = ["si32", "u32", "u16"];

// Base class of ttnn ops. Unless a trait list says otherwise, ops are Pure.
class TTNN_Op<string mnemonic, list<Trait> traits = [Pure]>
    : Op<TTNN_Dialect, mnemonic, traits> {
  // Data types the op computes in, the preferred one first ([] = every data type). Tensor
  // operands and results of other types are converted to and from the preferred one.
  list<string> computeDtypes = [];
  // Per-operand requirements beyond `computeDtypes`.
  list<TTNN_Operand> operandRequirements = [];
  // Page layout the library gives its results, and the data type of each result
  // ("" = as requested).
  string resultLayout = "";
  list<string> resultDtypes = [];
  // The result may share its buffer with operand 0 (a view): deallocation treats the two
  // as one buffer.
  bit resultMayAliasInput = 0;
}

#endif // TTC_TTNN_BASE
