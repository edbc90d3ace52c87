// The compiled part of the {fmt} library, built once into the storage layer
// (the lowest that formats), for every program and for libguanxi.a.
//
// Why not the system's libfmt: Debian ships it only as a shared object,
// which needs libstdc++.so, and the `guanxi` program loads no shared library
// that does (cmake/dependency_archives.cmake). Why not fmt's header-only
// mode: it compiles this implementation into each of the fifty files that
// format, which took one of them from 4.4-4.8 s to 6.3-8.3 s to compile.
// Here the library's own implementation header is compiled as a source,
// with the function templates its headers declare but leave to the library.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;
template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;

}  // namespace detail
FMT_END_NAMESPACE
