export BUILD_MODE=release
export BUILD_ID=42
