export declare const MISSING_RUNTIME: string;
export declare function electronPackageDir(): string;
export declare function electronBinary(): string | null;
