-- Databases and users of modelstream (the same as scripts/stack.sh creates natively).
CREATE DATABASE IF NOT EXISTS modelstream CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS mlflow CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'modelstream'@'%' IDENTIFIED BY 'modelstream';
CREATE USER IF NOT EXISTS 'mlflow'@'%' IDENTIFIED BY 'mlflow';
GRANT ALL PRIVILEGES ON modelstream.* TO 'modelstream'@'%';
GRANT ALL PRIVILEGES ON `modelstream\_%`.* TO 'modelstream'@'%';
GRANT ALL PRIVILEGES ON mlflow.* TO 'mlflow'@'%';
FLUSH PRIVILEGES;
