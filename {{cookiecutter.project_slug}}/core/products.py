"""What running code knows about a product: the names it derives from the product's one name.

Production reads these (settings, URLs, Celery, the API schema, error handling); the kit
(slicekit.names) derives the same names for the checks and the scaffolder, and its tests
hold the two to the same convention.
"""

from dataclasses import dataclass

PRODUCTS_PACKAGE = "products"


@dataclass(frozen=True)
class Product:
    name: str

    @property
    def app_module(self) -> str:
        return f"{PRODUCTS_PACKAGE}.{self.name}.backend"

    @property
    def class_prefix(self) -> str:
        """Its serializers' prefix in the OpenAPI schema: ``big_shop`` -> ``BigShop``."""
        return "".join(part.capitalize() for part in self.name.split("_"))

    @property
    def contract_modules(self) -> tuple[str, str]:
        """The modules other products may import its contracts and enums from."""
        return (f"{self.app_module}.facade.contracts", f"{self.app_module}.facade.enums")


def product_of(module: str) -> Product | None:
    """The product a module belongs to, if any."""
    package, _, rest = module.partition(".")
    return Product(rest.partition(".")[0]) if package == PRODUCTS_PACKAGE and rest else None


def is_contract_module(module: str) -> bool:
    """Whether ``module`` is a product's ``facade.contracts`` or ``facade.enums``."""
    product = product_of(module)
    return product is not None and module in product.contract_modules
