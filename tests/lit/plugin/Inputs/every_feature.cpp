#include "every_feature.hpp"
